import BarbellTorch
import Testing

/// The inference snapshot of the LSTM predictor against the libtorch forward (`at::lstm`, BatchNorm1d,
/// head) of the same model in evaluation mode, whose PyTorch parity ZooTests checks.
@Suite("Frozen LSTM predictor")
struct FrozenLSTMPredictorTests {
    /// An LSTM predictor with non-trivial normalisation parameters and running statistics, in eval mode.
    static func model(hidden: Int, layers: Int, dtype: DType, head: SequenceModelConfiguration.Head = .linear,
                      batchFirst: Bool = true) throws -> LSTMPredictor {
        let c = SequenceModelConfiguration(architecture: .lstm, features: 3, hidden: hidden, layers: layers,
                                           head: head, task: .regression(horizons: 3))
        let model = try #require(try c.build(seed: 7, dtype: dtype) as? LSTMPredictor)
        for (index, (name, state)) in model.namedState.enumerated() where name.hasPrefix("norm.") && name != "norm.num_batches_tracked" {
            // Positive values (a valid variance) in [0.5, 1.5).
            state.assign(try Tensor.rand(shape: state.value.shape, seed: UInt64(100 + index), dtype: dtype) + 0.5)
        }
        model.eval()
        return model
    }

    static func input(batch: Int, dtype: DType) throws -> Tensor {
        try Tensor.randn(shape: [batch, 9, 3], seed: UInt64(batch), dtype: dtype)
    }

    // Hidden 5 and 13 are not multiples of the vector widths (8 floats, 4 doubles).
    @Test("float64 snapshot equals the eval forward to 1e-12", arguments: [(5, 1), (13, 2)], [1, 3])
    func float64(shape: (hidden: Int, layers: Int), batch: Int) throws {
        let model = try Self.model(hidden: shape.hidden, layers: shape.layers, dtype: .float64)
        let x = try Self.input(batch: batch, dtype: .float64)
        let y = try model.inferenceKernel()(x)
        #expect(y.shape == [batch, 3])
        expectClose(y.toArray(), try model.forward(x).toArray(), tolerance: 1e-12)
    }

    @Test("float32 snapshot equals the eval forward to 1e-5", arguments: [(5, 1), (13, 2), (64, 1)], [1, 3])
    func float32(shape: (hidden: Int, layers: Int), batch: Int) throws {
        let model = try Self.model(hidden: shape.hidden, layers: shape.layers, dtype: .float32)
        let x = try Self.input(batch: batch, dtype: .float32)
        let y = try model.inferenceKernel()(x)
        #expect(y.dtype == .float32 && y.shape == [batch, 3])
        expectClose(y.toArray(), try model.forward(x).toArray(), tolerance: 1e-5)
    }

    @Test("multi-horizon head and sequence-first input")
    func multiHorizonAndSequenceFirst() throws {
        let model = try Self.model(hidden: 6, layers: 2, dtype: .float64, head: .multiHorizon)
        let x = try Self.input(batch: 3, dtype: .float64)
        let kernel = try model.inferenceKernel()
        expectClose(try kernel(x).toArray(), try model.forward(x).toArray(), tolerance: 1e-12)

        let lstm = try LSTM(inputSize: 3, hiddenSize: 5, batchFirst: false, dtype: .float64, generator: SeededGenerator(seed: 3))
        let head = try Linear(inFeatures: 5, outFeatures: 2, dtype: .float64, generator: SeededGenerator(seed: 4))
        lstm.eval()
        let sequenceFirst = try x.transpose(0, 1)
        let expected = try head(try lstm(sequenceFirst).h.squeeze(dim: 0))
        let frozen = try FrozenLSTMPredictor(lstm: lstm, norm: nil, head: head)
        expectClose(try frozen(sequenceFirst).toArray(), expected.toArray(), tolerance: 1e-12)
    }

    @Test("weights changed after the snapshot are not seen")
    func snapshotIsImmutable() throws {
        let model = try Self.model(hidden: 5, layers: 1, dtype: .float64)
        let x = try Self.input(batch: 1, dtype: .float64)
        let kernel = try model.inferenceKernel()
        let before = try model.forward(x).toArray()
        for (_, state) in model.namedState where state.name.hasPrefix("weight") { state.assign(try state.value * 2) }
        #expect(try model.forward(x).toArray() != before)
        expectClose(try kernel(x).toArray(), before, tolerance: 1e-12)
    }

    @Test("wrong feature count, rank or dtype is an error naming the shapes")
    func badInput() throws {
        let kernel = try Self.model(hidden: 5, layers: 1, dtype: .float32).inferenceKernel()
        for (shape, dtype) in [([1, 9, 4], DType.float32), ([9, 3], .float32), ([1, 9, 3], .float64)] {
            do {
                _ = try kernel(try Tensor.zeros(shape: shape, dtype: dtype))
                Issue.record("expected an error for \(shape) \(dtype)")
            } catch let error as TorchError {
                let named = dtype == .float64 ? "float64" : "\(shape)"
                #expect(error.message.contains(named) && error.message.contains("FrozenLSTMPredictor"), "\(error.message)")
            }
        }
        let bidirectional = try LSTM(inputSize: 3, hiddenSize: 4, bidirectional: true, generator: SeededGenerator(seed: 1))
        #expect(throws: TorchError.self) {
            try FrozenLSTMPredictor(lstm: bidirectional, norm: nil, head: try Linear(inFeatures: 8, outFeatures: 1, generator: SeededGenerator(seed: 2)))
        }
    }
}

internal import CTorch

/// A stacked, optionally bidirectional LSTM running on libtorch's fused
/// `at::lstm` kernel, like `torch.nn.LSTM` (no projection).
///
/// State dict: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, then
/// `..._l0_reverse` when bidirectional, then layer 1, and so on (gate order
/// input, forget, cell, output), all initialised uniform on ±1/√hidden.
public final class LSTM: Module {
    /// Features per time step.
    public let inputSize: Int
    /// Hidden state size per direction.
    public let hiddenSize: Int
    /// Stacked layers.
    public let numLayers: Int
    /// Whether each layer also runs backwards in time (outputs are concatenated).
    public let bidirectional: Bool
    /// Whether input and output are `[batch, sequence, feature]` (otherwise `[sequence, batch, feature]`).
    public let batchFirst: Bool
    /// Whether the cells have biases.
    public let hasBiases: Bool
    /// Dropout probability on the outputs of every layer but the last, in training mode.
    public let dropout: Double
    /// Where the inter-layer dropout masks are drawn from (the construction generator).
    public let generator: SeededGenerator
    var weights: RecurrentWeights
    /// Training mode: inter-layer dropout is applied only while training.
    public var isTraining = true

    /// Creates an LSTM with PyTorch's default initialisation.
    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        bidirectional: Bool = false, dropout: Double = 0, dtype: DType = .float32, generator: SeededGenerator
    ) throws {
        guard dropout >= 0 && dropout <= 1 else {
            throw TorchError(code: .invalidArgument, message: "dropout probability must be in [0, 1], got \(dropout)")
        }
        self.dropout = dropout
        self.generator = generator
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        self.batchFirst = batchFirst
        self.hasBiases = bias
        weights = try RecurrentWeights(
            gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            bidirectional: bidirectional, dtype: dtype, generator: generator)
    }

    /// The flat weights in PyTorch's order.
    /// The dropout generator, saved in checkpoints.
    public var ownGenerators: [SeededGenerator] { [generator] }

    public var localState: [ModuleTensor] {
        weights.names.indices.map { index in
            ModuleTensor(weights.names[index], .parameter, weights.tensors[index]) { self.weights.tensors[index] = $0 }
        }
    }

    /// Rows of the state tensors: layers × directions.
    var stateRows: Int { numLayers * (bidirectional ? 2 : 1) }

    /// Runs the sequence.
    ///
    /// - Parameters:
    ///   - input: `[batch, sequence, inputSize]` if ``batchFirst``, else `[sequence, batch, inputSize]`.
    ///   - initial: Initial hidden and cell states, each `[numLayers · directions, batch, hiddenSize]`; zeros if `nil`.
    /// - Returns: The top layer's output at every step (last dimension `hiddenSize · directions`)
    ///   and the final hidden and cell states of every layer and direction.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(
        _ input: Tensor, initial: (h: Tensor, c: Tensor)? = nil
    ) throws -> (output: Tensor, h: Tensor, c: Tensor) {
        try RecurrentCheck.input(input, inputSize: inputSize, batchFirst: batchFirst, layer: "LSTM")
        if let initial {
            for (name, state) in [("h0", initial.h), ("c0", initial.c)] {
                try RecurrentCheck.state(
                    state, name: name, input: input, stateRows: stateRows, hiddenSize: hiddenSize,
                    batchFirst: batchFirst, layer: "LSTM")
            }
        }
        let params = weights.tensors
        var output: OpaquePointer?
        var h: OpaquePointer?
        var c: OpaquePointer?
        let status = withExtendedLifetime((input, initial, params, generator)) {
            let handles: [OpaquePointer?] = params.map(\.handle)
            return ctorch_nn_lstm(
                input.handle, initial?.h.handle, initial?.c.handle, handles, Int64(handles.count), hasBiases,
                Int64(numLayers), bidirectional, batchFirst, dropout, isTraining, generator.handle, &output, &h, &c)
        }
        try TorchError.check(status)
        return (try Tensor(adopting: output!), try Tensor(adopting: h!), try Tensor(adopting: c!))
    }
}

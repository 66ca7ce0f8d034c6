internal import CTorch

/// An immutable, evaluation-mode snapshot of an LSTM predictor (a unidirectional stacked ``LSTM``, its
/// last step, an optional ``BatchNorm1d`` and a ``Linear`` or ``MultiHorizonHead`` head) for low-latency
/// inference on one sequence or a small batch.
///
/// libtorch's fused `at::lstm` dispatches several ATen ops per time step, which dominates a batch-1
/// call on a short sequence. The snapshot instead runs, in one C++ call, the input projection of all
/// steps as one small GEMM, then per step one `[4H × H]` mat-vec with the gate nonlinearities fused
/// (AVX+FMA vector loops where the CPU has them). Evaluation semantics are fixed: dropout is the
/// identity and the normalisation uses its running statistics, folded into the head's first layer.
///
/// The weights are **copied** when the snapshot is taken: changes made to the model afterwards
/// (training, `loadStateDict`) are not seen; take a new snapshot. float64 snapshots match the model's
/// eval forward to ~1e-12 (summation order only); float32 ones to ~1e-6 relative (the gate functions
/// use a vectorised `exp` accurate to about one ulp).
///
/// Instances are immutable and may be called from several threads at once (each thread has its own
/// scratch buffers).
public final class FrozenLSTMPredictor: @unchecked Sendable {
    /// Features per time step.
    public let inputSize: Int
    /// Hidden units per layer.
    public let hiddenSize: Int
    /// Stacked LSTM layers.
    public let numLayers: Int
    /// Width of the output.
    public let outputs: Int
    /// The element type of weights, inputs and outputs.
    public let dtype: DType
    /// Whether inputs are `[batch, sequence, features]` (otherwise `[sequence, batch, features]`).
    public let batchFirst: Bool
    /// The owned `ctorch_lstm_kernel *`.
    private let handle: OpaquePointer

    /// Snapshots `predictor` as if in evaluation mode (its own mode is left unchanged).
    ///
    /// - Throws: ``TorchError`` if its head is neither a ``Linear`` nor a ``MultiHorizonHead``.
    public convenience init(_ predictor: LSTMPredictor) throws {
        try self.init(lstm: predictor.lstm, norm: predictor.norm, head: predictor.head)
    }

    /// Snapshots `lstm` → last step → `norm` (evaluation mode, optional) → `head`.
    ///
    /// - Parameter head: A ``Linear`` or a ``MultiHorizonHead``.
    /// - Throws: ``TorchError`` for a bidirectional LSTM, another head type, or shapes that do not chain
    ///   (naming expected and actual shapes).
    public init(lstm: LSTM, norm: BatchNorm1d?, head: any UnaryModule) throws {
        guard !lstm.bidirectional else {
            throw TorchError(code: .invalidArgument, message: "FrozenLSTMPredictor supports unidirectional LSTMs only")
        }
        if let norm, norm.numFeatures != lstm.hiddenSize {
            throw TorchError(
                code: .invalidArgument,
                message: "FrozenLSTMPredictor: norm has \(norm.numFeatures) features, expected the LSTM's hidden size \(lstm.hiddenSize)")
        }
        let layers = try HeadLayers(head)
        let params = lstm.weights.tensors
        var kernel: OpaquePointer?
        let status = withExtendedLifetime((params, norm, layers)) {
            let handles: [OpaquePointer?] = params.map(\.handle)
            return ctorch_lstm_kernel_create(
                handles, Int64(handles.count), lstm.hasBiases, Int64(lstm.numLayers), norm?.weight?.handle,
                norm?.bias?.handle, norm?.runningMean.handle, norm?.runningVar.handle, norm?.eps ?? 0,
                layers.w1.handle, layers.b1?.handle, layers.w2?.handle, layers.b2?.handle, &kernel)
        }
        try TorchError.check(status)
        handle = kernel!
        inputSize = lstm.inputSize
        hiddenSize = lstm.hiddenSize
        numLayers = lstm.numLayers
        outputs = layers.outputs
        dtype = params[0].dtype
        batchFirst = lstm.batchFirst
    }

    deinit {
        ctorch_lstm_kernel_free(handle)
    }

    /// Predictions for `input` `[batch, sequence, inputSize]` (``batchFirst``, else
    /// `[sequence, batch, inputSize]`) of the snapshot's ``dtype``: `[batch, outputs]`.
    ///
    /// - Throws: ``TorchError`` naming the expected and actual shape or dtype.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try ShapeCheck.require(
            input, ranks: 3...3, last: inputSize, layer: "FrozenLSTMPredictor",
            expected: batchFirst ? "[batch, sequence, \(inputSize)]" : "[sequence, batch, \(inputSize)]")
        guard input.dtype == dtype else {
            throw TorchError(code: .invalidArgument, message: "FrozenLSTMPredictor expects \(dtype) input, got \(input.dtype)")
        }
        return try Tensor.producing { out in
            withExtendedLifetime(input) { ctorch_lstm_kernel_run(handle, input.handle, batchFirst, out) }
        }
    }

    /// The same as calling the snapshot, named like ``Predictor/forward(_:)``.
    public func forward(_ input: Tensor) throws -> Tensor { try self(input) }
}

extension LSTMPredictor {
    /// An immutable evaluation-mode snapshot for fast batch-1 inference; see ``FrozenLSTMPredictor``.
    /// Later changes to this model's weights are not seen by the snapshot.
    public func inferenceKernel() throws -> FrozenLSTMPredictor { try FrozenLSTMPredictor(self) }
}

/// A head as the kernel's two dense stages: `w1`, `b1`, then (multi-horizon) ReLU and a grouped
/// second layer where output `o` reads its own block of `w1`'s units.
private struct HeadLayers {
    let w1: Tensor
    let b1: Tensor?
    let w2: Tensor?
    let b2: Tensor?
    let outputs: Int

    init(_ head: any UnaryModule) throws {
        if let linear = head as? Linear {
            (w1, b1, w2, b2, outputs) = (linear.weight, linear.bias, nil, nil, linear.outFeatures)
            return
        }
        guard let multi = head as? MultiHorizonHead else {
            throw TorchError(
                code: .invalidArgument,
                message: "FrozenLSTMPredictor supports Linear and MultiHorizonHead heads, got \(type(of: head))")
        }
        let pairs = try multi.heads.map { branch -> (Linear, Linear) in
            guard branch.layers.count == 3, let first = branch.layers[0] as? Linear, branch.layers[1] is ReLU,
                  let second = branch.layers[2] as? Linear, second.outFeatures == 1
            else {
                throw TorchError(code: .invalidArgument, message: "FrozenLSTMPredictor: expected each head branch to be Linear, ReLU, Linear(→ 1)")
            }
            return (first, second)
        }
        func biases(_ layers: [Linear]) throws -> Tensor {
            try Tensor.cat(try layers.map { try $0.bias ?? Tensor.zeros(shape: [$0.outFeatures], dtype: $0.weight.dtype) })
        }
        w1 = try Tensor.cat(pairs.map(\.0.weight))
        b1 = try biases(pairs.map(\.0))
        w2 = try Tensor.cat(pairs.map(\.1.weight))
        b2 = try biases(pairs.map(\.1))
        outputs = pairs.count
    }
}

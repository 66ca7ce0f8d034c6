internal import CTorch

/// Batch normalisation over the feature dimension of `(N, C)` or `(N, C, L)`
/// input, like `torch.nn.BatchNorm1d` with running statistics tracked.
///
/// In training mode the batch statistics normalise the input and the running
/// statistics are updated (`running = (1 - momentum)·running + momentum·batch`,
/// with the unbiased batch variance); in evaluation mode the running statistics
/// are used. State dict: `weight`, `bias` (when affine), then the buffers
/// `running_mean`, `running_var` and `num_batches_tracked` (a count, stored as a
/// float64 scalar because the shim's tensors are floating point).
public final class BatchNorm1d: Module {
    /// The number of features C.
    public let numFeatures: Int
    /// Added to the variance for numerical stability.
    public let eps: Double
    /// Weight of the newest batch in the running statistics.
    public let momentum: Double
    /// The scale, or `nil` without affine parameters.
    public private(set) var weight: Tensor?
    /// The shift, or `nil` without affine parameters.
    public private(set) var bias: Tensor?
    /// The running mean of each feature.
    public private(set) var runningMean: Tensor
    /// The running (unbiased) variance of each feature.
    public private(set) var runningVar: Tensor
    /// The number of training batches seen.
    public private(set) var numBatchesTracked: Int = 0
    /// Training mode: batch statistics and running-statistic updates.
    public var isTraining = true

    /// Creates a layer with weight 1, bias 0, running mean 0 and running variance 1, like PyTorch.
    public init(
        numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = true, dtype: DType = .float32
    ) throws {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        if affine {
            weight = try ParameterInit.constant([numFeatures], 1, dtype: dtype)
            bias = try ParameterInit.constant([numFeatures], 0, dtype: dtype)
        }
        runningMean = try ParameterInit.constant([numFeatures], 0, dtype: dtype, requiresGrad: false)
        runningVar = try ParameterInit.constant([numFeatures], 1, dtype: dtype, requiresGrad: false)
    }

    /// `weight`, `bias`, `running_mean`, `running_var`, `num_batches_tracked`.
    public var localState: [ModuleTensor] {
        var state: [ModuleTensor] = []
        if let weight { state.append(ModuleTensor("weight", .parameter, weight) { self.weight = $0 }) }
        if let bias { state.append(ModuleTensor("bias", .parameter, bias) { self.bias = $0 }) }
        state.append(ModuleTensor("running_mean", .buffer, runningMean) { self.runningMean = $0 })
        state.append(ModuleTensor("running_var", .buffer, runningVar) { self.runningVar = $0 })
        // The count is kept as an Int; the tensor view exists only for the state dict.
        // Creating a one-element scalar tensor cannot fail (the value fills the shape).
        let count = try! Tensor([Double(numBatchesTracked)], shape: [])
        state.append(ModuleTensor("num_batches_tracked", .buffer, count) {
            self.numBatchesTracked = Int($0.toArray().first ?? 0)
        })
        return state
    }

    /// Normalises `input` of shape `[N, numFeatures]` or `[N, numFeatures, L]`.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes, or libtorch's
    ///   error for a training batch with a single value per feature.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard (2...3).contains(input.shape.count), input.shape[1] == numFeatures else {
            throw TorchError(
                code: .invalidArgument,
                message: "BatchNorm1d expects input of shape [N, \(numFeatures)] or [N, \(numFeatures), L], got \(input.shape)")
        }
        var output: OpaquePointer?
        var mean: OpaquePointer?
        var variance: OpaquePointer?
        let status = withExtendedLifetime((input, weight, bias, runningMean, runningVar)) {
            ctorch_nn_batch_norm(
                input.handle, weight?.handle, bias?.handle, runningMean.handle, runningVar.handle,
                isTraining, momentum, eps, &output, &mean, &variance)
        }
        try TorchError.check(status)
        let result = try Tensor(adopting: output!)
        let newMean = try Tensor(adopting: mean!)
        let newVar = try Tensor(adopting: variance!)
        if isTraining {
            runningMean = newMean
            runningVar = newVar
            numBatchesTracked += 1
        }
        return result
    }
}

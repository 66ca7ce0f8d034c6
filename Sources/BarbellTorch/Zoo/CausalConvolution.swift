/// A 1D convolution that sees only the present and the past: `(kernelSize − 1) · dilation` zeros
/// are added on the left of the time axis only, so output step t depends on input steps ≤ t and
/// the output is as long as the input. PyTorch: `conv(F.pad(x, (pad, 0)))`.
///
/// Its state dict is the wrapped ``Conv1d``'s (`weight`, `bias`), with no extra name level, so a
/// PyTorch `nn.Conv1d` applied to left-padded input loads directly.
public final class CausalConv1d: UnaryModule {
    /// The convolution, built without padding (the padding is added here, on one side).
    public let conv: Conv1d
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates a causal convolution with PyTorch's default initialisation, drawn from `generator`.
    ///
    /// - Parameters:
    ///   - dilation: Spacing between kernel taps (the TCN's 2^i).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, dilation: Int = 1, dtype: DType,
                generator: SeededGenerator) throws {
        conv = try Conv1d(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                          dilation: dilation, dtype: dtype, generator: generator)
    }

    /// Zeros added before the first step.
    public var leftPadding: Int { (conv.kernelSize - 1) * conv.dilation }

    /// The wrapped convolution's `weight` and `bias`.
    public var localState: [ModuleTensor] { conv.localState }

    /// `[batch, inChannels, steps]` → `[batch, outChannels, steps]`.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.count == 3, input.shape[1] == conv.inChannels else {
            throw TorchError(code: .invalidArgument,
                             message: "CausalConv1d expects input of shape [N, \(conv.inChannels), L], got \(input.shape)")
        }
        guard leftPadding > 0 else { return try conv(input) }
        let zeros = try Tensor.zeros(shape: [input.shape[0], input.shape[1], leftPadding], dtype: input.dtype)
        return try conv(Tensor.cat([zeros, input], dim: 2))
    }
}

/// Causal convolution → batch normalisation → ReLU → dropout, on `[batch, channels, steps]`:
/// the block of the 1D CNN and the CNN-LSTM. State dict: `conv.*`, `norm.*`.
public final class CausalConvBlock: UnaryModule {
    /// The causal convolution.
    public let conv: CausalConv1d
    /// Batch normalisation over the channels.
    public let norm: BatchNorm1d
    /// Dropout (active in training mode only).
    public let dropout: Dropout
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true

    /// A block with PyTorch's default initialisation, weights and dropout masks from `generator`.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, dropout p: Double, dtype: DType,
                generator g: SeededGenerator) throws {
        conv = try CausalConv1d(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, dtype: dtype, generator: g)
        norm = try BatchNorm1d(numFeatures: outChannels, dtype: dtype)
        dropout = try Dropout(p: p, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] { [("conv", conv), ("norm", norm), ("dropout", dropout)] }

    /// `[batch, inChannels, steps]` → `[batch, outChannels, steps]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try dropout(try norm(try conv(input)).relu())
    }
}

/// Layout helpers shared by the convolutional zoo models.
enum ConvolutionalZoo {
    /// `[batch, steps, features]` → `[batch, features, steps]`, the layout ``Conv1d`` takes.
    static func channelsFirst(_ input: Tensor) throws -> Tensor { try input.permute([0, 2, 1]) }
}

/// One residual block of a temporal convolutional network (Bai, Kolter & Koltun 2018, "An
/// Empirical Evaluation of Generic Convolutional and Recurrent Networks for Sequence Modeling"):
///
///     out = dropout2(relu(conv2(dropout1(relu(conv1(x))))))
///     y   = relu(out + (downsample(x) or x))
///
/// `conv1` and `conv2` are ``CausalConv1d``s of the same dilation; `downsample` is a 1×1
/// ``Conv1d``, present only when the channel count changes. The paper's weight normalisation is
/// omitted: the shim has no weight-norm reparametrisation, and PyTorch's default initialisation
/// is used instead of the paper's N(0, 0.01). State dict: `conv1.*`, `conv2.*`, `downsample.*`.
public final class TemporalBlock: UnaryModule {
    /// The first dilated causal convolution.
    public let conv1: CausalConv1d
    /// Dropout after the first convolution's ReLU.
    public let dropout1: Dropout
    /// The second dilated causal convolution.
    public let conv2: CausalConv1d
    /// Dropout after the second convolution's ReLU.
    public let dropout2: Dropout
    /// The residual path's projection, or `nil` when input and output channels agree.
    public let downsample: Conv1d?
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true

    /// A block with PyTorch's default initialisation; `downsample` is built only when `inChannels ≠ outChannels`.
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, dilation: Int, dropout p: Double, dtype: DType,
                generator g: SeededGenerator) throws {
        conv1 = try CausalConv1d(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                                 dilation: dilation, dtype: dtype, generator: g)
        dropout1 = try Dropout(p: p, generator: g)
        conv2 = try CausalConv1d(inChannels: outChannels, outChannels: outChannels, kernelSize: kernelSize,
                                 dilation: dilation, dtype: dtype, generator: g)
        dropout2 = try Dropout(p: p, generator: g)
        downsample = inChannels == outChannels ? nil
            : try Conv1d(inChannels: inChannels, outChannels: outChannels, kernelSize: 1, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] {
        var result: [(name: String, module: any Module)] = [("conv1", conv1), ("dropout1", dropout1), ("conv2", conv2), ("dropout2", dropout2)]
        if let downsample { result.append(("downsample", downsample)) }
        return result
    }

    /// `[batch, inChannels, steps]` → `[batch, outChannels, steps]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let out = try dropout2(try conv2(try dropout1(try conv1(input).relu())).relu())
        let residual = try downsample.map { try $0(input) } ?? input
        return try (out + residual).relu()
    }
}

/// A temporal convolutional network: `layers` ``TemporalBlock``s with dilations 1, 2, 4, ...
/// (`hidden` channels, kernel `kernelSize`), the last step and the head.
///
/// The receptive field is `1 + 2·(kernelSize − 1)·(2^layers − 1)` steps; the last step sees at
/// most that far back. State dict: `blocks.0.conv1.weight`, ..., `head.*`.
public final class TCNPredictor: Predictor {
    /// The residual blocks, dilation 2^i for block i (`blocks.0`, ...).
    public let blocks: [TemporalBlock]
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true
    let features: Int

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        blocks = try (0..<c.layers).map { i in
            try TemporalBlock(inChannels: i == 0 ? c.features : c.hidden, outChannels: c.hidden, kernelSize: c.kernelSize,
                              dilation: 1 << i, dropout: c.dropout, dtype: dtype, generator: g)
        }
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] {
        blocks.enumerated().map { ("blocks.\($0.offset)", $0.element as any Module) } + [("head", head)]
    }

    /// Every step's features after the last block, `[batch, hidden, steps]`; step t depends on
    /// input steps ≤ t only.
    public func stepFeatures(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "TCN")
        return try blocks.reduce(try ConvolutionalZoo.channelsFirst(input)) { try $1($0) }
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    public func forward(_ input: Tensor) throws -> Tensor {
        let h = try stepFeatures(input)
        return try head(try h.narrow(dim: 2, start: h.shape[2] - 1, length: 1).squeeze(dim: 2))
    }
}

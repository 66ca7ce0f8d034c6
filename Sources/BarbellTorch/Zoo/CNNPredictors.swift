/// A 1D CNN: `layers` ``CausalConvBlock``s (causal convolution of width `kernelSize` to `hidden`
/// channels, batch normalisation, ReLU, dropout), then the average over time concatenated with the
/// last step (`[batch, 2·hidden]`) into the head.
///
/// The convolutions are causal so that every step's features use only the past, like the
/// recurrent models; the average summarises the window and the last step keeps the most recent
/// state, which global pooling alone would blur. State dict: `blocks.0.conv.weight`, ..., `head.*`.
public final class CNNPredictor: Predictor {
    /// The convolution blocks, in order (`blocks.0`, `blocks.1`, ...).
    public let blocks: [CausalConvBlock]
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true
    let features: Int

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        blocks = try (0..<c.layers).map { i in
            try CausalConvBlock(inChannels: i == 0 ? c.features : c.hidden, outChannels: c.hidden, kernelSize: c.kernelSize,
                                dropout: c.dropout, dtype: dtype, generator: g)
        }
        head = try c.makeHead(inFeatures: 2 * c.hidden, dtype: dtype, generator: g)
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
        try SequenceInput.check(input, features: features, model: "CNN")
        return try blocks.reduce(try ConvolutionalZoo.channelsFirst(input)) { try $1($0) }
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    public func forward(_ input: Tensor) throws -> Tensor {
        let h = try stepFeatures(input)
        let last = try h.narrow(dim: 2, start: h.shape[2] - 1, length: 1).squeeze(dim: 2)
        return try head(Tensor.cat([try h.mean(dim: 2), last], dim: 1))
    }
}

/// One causal convolution block (as in ``CNNPredictor``) extracting local patterns, an LSTM
/// (`hidden` units, `layers` layers, inter-layer dropout) over its output, the last step, dropout
/// and the head. State dict: `conv.*`, `lstm.*`, `head.*`.
public final class CNNLSTMPredictor: Predictor {
    /// The causal convolution block before the LSTM.
    public let conv: CausalConvBlock
    /// The LSTM over the convolved steps (batch first).
    public let lstm: LSTM
    /// Dropout (active in training mode only).
    public let dropout: Dropout
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true
    let features: Int

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        conv = try CausalConvBlock(inChannels: c.features, outChannels: c.hidden, kernelSize: c.kernelSize,
                                   dropout: c.dropout, dtype: dtype, generator: g)
        lstm = try LSTM(inputSize: c.hidden, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                        dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] { [("conv", conv), ("lstm", lstm), ("dropout", dropout), ("head", head)] }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    public func forward(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "CNN-LSTM")
        let local = try conv(try ConvolutionalZoo.channelsFirst(input)).permute([0, 2, 1])
        return try head(try dropout(try lstm(local).output.lastStep()))
    }
}

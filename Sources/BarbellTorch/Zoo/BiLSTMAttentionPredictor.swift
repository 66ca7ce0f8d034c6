/// Bidirectional LSTM, additive attention pooling over its steps, dropout and the head.
///
/// Each step's output already carries both the past (forward direction) and the future within the
/// window (backward direction); attention then weights the steps instead of trusting the last one.
/// Like `nn.LSTM(F, H, L, batch_first=True, dropout=P, bidirectional=True)` →
/// ``AttentionPooling`` (width 2·hidden, attention space hidden) → `nn.Dropout` → head.
public final class BiLSTMAttentionPredictor: Predictor {
    /// Features per time step the model expects.
    public let features: Int
    /// The bidirectional recurrent encoder.
    public let lstm: LSTM
    /// Pools the encoder's steps into one vector.
    public let attention: AttentionPooling
    /// Dropout before the head.
    public let dropout: Dropout
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode (dropout active).
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        lstm = try LSTM(inputSize: c.features, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                        bidirectional: true, dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        attention = try AttentionPooling(width: 2 * c.hidden, attention: c.hidden, dtype: dtype, generator: g)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: 2 * c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// Child modules in PyTorch's registration order (state-dict prefixes).
    public var children: [(name: String, module: any Module)] {
        [("lstm", lstm), ("attention", attention), ("dropout", dropout), ("head", head)]
    }

    /// The LSTM's outputs at every step, `[batch, lookback, 2·hidden]`.
    func encode(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "bilstm-attention")
        return try lstm(input).output
    }

    /// How much each step counts in the pooled summary, `[batch, lookback]`; rows sum to 1.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func attentionWeights(_ input: Tensor) throws -> Tensor { try attention.weights(try encode(input)) }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func forward(_ input: Tensor) throws -> Tensor {
        try head(try dropout(try attention(try encode(input))))
    }
}

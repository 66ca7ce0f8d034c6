/// A linear embedding of each step plus sinusoidal positions, a GRU, additive attention pooling
/// over its steps, dropout and the head.
///
/// The positions tell the attention scores where in the window a step lies (a GRU state alone
/// encodes it only implicitly), so the model can learn, say, to favour recent steps.
/// Like `embed = nn.Linear(F, H)` + sinusoidal table → `nn.GRU(H, H, L, batch_first=True, dropout=P)`
/// → ``AttentionPooling`` (width hidden) → `nn.Dropout` → head.
public final class AttentionGRUPredictor: Predictor {
    /// Features per time step the model expects.
    public let features: Int
    /// Per-step embedding, features → hidden.
    public let embed: Linear
    /// The fixed sinusoidal position signal added to the embedding.
    public let positions: SinusoidalPositionalEncoding
    /// The recurrent encoder.
    public let gru: GRU
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
        embed = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        positions = SinusoidalPositionalEncoding(dModel: c.hidden)
        gru = try GRU(inputSize: c.hidden, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                      dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        attention = try AttentionPooling(width: c.hidden, attention: c.hidden, dtype: dtype, generator: g)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// Child modules in PyTorch's registration order (state-dict prefixes).
    public var children: [(name: String, module: any Module)] {
        [("embed", embed), ("gru", gru), ("attention", attention), ("dropout", dropout), ("head", head)]
    }

    /// The GRU's outputs at every step, `[batch, lookback, hidden]`.
    func encode(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "attention-gru")
        return try gru(try positions(try embed(input))).output
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

/// A linear projection to the hidden width, then `layers` single-layer LSTMs each wrapped as
/// `h ← LayerNorm(h + Dropout(LSTM(h)))`, the last step and the head.
///
/// The residual path lets a deep stack start close to the identity of the projection, so added
/// layers refine rather than replace what the layer below found (and gradients reach the bottom).
/// Like `projection = nn.Linear(F, H)`, `lstms = nn.ModuleList([nn.LSTM(H, H, 1, batch_first=True)])`,
/// `norms = nn.ModuleList([nn.LayerNorm(H)])`; state dict `lstms.0.weight_ih_l0`, `norms.1.bias`, ...
public final class ResidualLSTMPredictor: Predictor {
    /// Features per time step the model expects.
    public let features: Int
    /// Input projection, features → hidden.
    public let projection: Linear
    /// One single-layer LSTM per residual block.
    public let lstms: [LSTM]
    /// One layer normalisation per residual block, after the sum.
    public let norms: [LayerNorm]
    /// Applied to each block's LSTM output before the sum (no state, shared by the blocks).
    public let dropout: Dropout
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode (dropout active).
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        projection = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        lstms = try (0..<c.layers).map { _ in
            try LSTM(inputSize: c.hidden, hiddenSize: c.hidden, batchFirst: true, dtype: dtype, generator: g)
        }
        norms = try (0..<c.layers).map { _ in try LayerNorm(normalizedShape: [c.hidden], dtype: dtype) }
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// Child modules in PyTorch's registration order (state-dict prefixes).
    public var children: [(name: String, module: any Module)] {
        [("projection", projection)] + lstms.enumerated().map { ("lstms.\($0.offset)", $0.element) }
            + norms.enumerated().map { ("norms.\($0.offset)", $0.element) } + [("dropout", dropout), ("head", head)]
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func forward(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "residual-lstm")
        var h = try projection(input)
        for (lstm, norm) in zip(lstms, norms) {
            h = try norm(try h + dropout(try lstm(h).output))
        }
        return try head(try h.lastStep())
    }
}

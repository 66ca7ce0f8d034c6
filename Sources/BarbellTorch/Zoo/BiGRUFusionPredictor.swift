/// A bidirectional GRU's summary of the window fused with a projection of the raw last step:
/// `concat(summary (2·hidden), Linear(features→hidden)(x_last))` → `Linear(3·hidden→hidden)` → GELU
/// → LayerNorm → dropout → head.
///
/// The raw-feature path gives the head the latest observation undistorted by the recurrence.
/// The summary is each direction's *final* state: the forward direction at the last step and the
/// backward direction at the first step (PyTorch's `h_n` of the top layer). This refines "the
/// last-step output": the backward half of `output[:, -1]` has read only the last step, which the
/// raw-feature path already carries, whereas its state at step 0 has read the whole window.
/// Like `gru = nn.GRU(F, H, L, batch_first=True, dropout=P, bidirectional=True)`,
/// `features = nn.Linear(F, H)`, `fusion = nn.Linear(3H, H)`, `norm = nn.LayerNorm(H)`.
public final class BiGRUFusionPredictor: Predictor {
    /// Features per time step the model expects.
    public let features: Int
    /// Hidden width per direction.
    public let hidden: Int
    /// The recurrent encoder.
    public let gru: GRU
    /// Projection of the raw last-step features (state dict `features.weight`).
    public let featureProjection: Linear
    /// Fuses summary and projected features, 3·hidden → hidden.
    public let fusion: Linear
    /// Normalises the fused vector.
    public let norm: LayerNorm
    /// Dropout before the head.
    public let dropout: Dropout
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// Training mode (dropout active).
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        hidden = c.hidden
        gru = try GRU(inputSize: c.features, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                      bidirectional: true, dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        featureProjection = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        fusion = try Linear(inFeatures: 3 * c.hidden, outFeatures: c.hidden, dtype: dtype, generator: g)
        norm = try LayerNorm(normalizedShape: [c.hidden], dtype: dtype)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// Child modules in PyTorch's registration order (state-dict prefixes).
    public var children: [(name: String, module: any Module)] {
        [("gru", gru), ("features", featureProjection), ("fusion", fusion), ("norm", norm), ("dropout", dropout), ("head", head)]
    }

    /// Both directions' final states, `[batch, 2·hidden]`: forward at the last step, backward at the first.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func summary(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "bigru-fusion")
        let output = try gru(input).output
        let forwardFinal = try output.narrow(dim: 2, start: 0, length: hidden).lastStep()
        let backwardFinal = try output.narrow(dim: 2, start: hidden, length: hidden).narrow(dim: 1, start: 0, length: 1).squeeze(dim: 1)
        return try Tensor.cat([forwardFinal, backwardFinal], dim: -1)
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func forward(_ input: Tensor) throws -> Tensor {
        let fused = try Tensor.cat([try summary(input), try featureProjection(try input.lastStep())], dim: -1)
        return try head(try dropout(try norm(try fusion(fused).gelu())))
    }
}

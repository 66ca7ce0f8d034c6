/// Attention over several trailing lookbacks: a linear embedding of each step plus sinusoidal
/// positions; for each lookback s in ``SequenceModelConfiguration/scales``, a
/// ``MultiheadAttention`` (its own weights) whose query is the last step and whose keys and values
/// are the last s steps, giving a context `[batch, hidden]`; the contexts, concatenated over
/// scales, go through `Linear(scales·hidden → hidden)` → GELU → LayerNorm → dropout → head.
///
/// Each scale answers "what in the last s steps matters to now", so short and long memories are
/// weighed separately before the fusion layer mixes them. State dict: `embed.*`,
/// `attention.0.in_proj_weight`, ..., `fuse.*`, `norm.*`, `head.*`.
public final class MultiScaleAttentionPredictor: Predictor {
    /// The per-step embedding `features → hidden`.
    public let embed: Linear
    /// The fixed sinusoidal position signal.
    public let positions: SinusoidalPositionalEncoding
    /// One attention per scale, in ``scales`` order.
    public let attention: [MultiheadAttention]
    /// The fusion `scales·hidden → hidden`.
    public let fuse: Linear
    /// Layer normalisation after the fusion's GELU.
    public let norm: LayerNorm
    /// Dropout (active in training mode only).
    public let dropout: Dropout
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// The trailing lookbacks, in steps.
    public let scales: [Int]
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true
    let features: Int

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        features = c.features
        scales = c.scales
        embed = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        positions = SinusoidalPositionalEncoding(dModel: c.hidden)
        attention = try c.scales.map { _ in
            try MultiheadAttention(embedDim: c.hidden, numHeads: c.heads, batchFirst: true, dtype: dtype, generator: g)
        }
        fuse = try Linear(inFeatures: c.scales.count * c.hidden, outFeatures: c.hidden, dtype: dtype, generator: g)
        norm = try LayerNorm(normalizedShape: [c.hidden], dtype: dtype)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] {
        [("embed", embed)] + attention.enumerated().map { ("attention.\($0.offset)", $0.element as any Module) }
            + [("fuse", fuse), ("norm", norm), ("dropout", dropout), ("head", head)]
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    ///
    /// - Throws: ``TorchError`` for a wrong shape, or a lookback shorter than the longest scale
    ///   (naming both).
    public func forward(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "multi-scale attention")
        let steps = input.shape[1]
        let longest = scales.max() ?? 0
        guard steps >= longest else {
            throw TorchError(code: .invalidArgument,
                             message: "multi-scale attention: the sequence has \(steps) steps, shorter than the longest scale \(longest)")
        }
        let e = try positions(try embed(input))
        let query = try e.narrow(dim: 1, start: steps - 1, length: 1)
        let contexts = try zip(scales, attention).map { s, attend in
            let window = try e.narrow(dim: 1, start: steps - s, length: s)
            return try attend(query: query, key: window, value: window).output.squeeze(dim: 1)
        }
        return try head(try dropout(try norm(try fuse(Tensor.cat(contexts, dim: 1)).gelu())))
    }
}

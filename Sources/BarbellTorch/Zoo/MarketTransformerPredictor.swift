/// A Transformer encoder whose self-attention scores carry a learned bias from market state.
///
/// Linear embedding of each step, sinusoidal positions, `layers` post-norm encoder layers
/// (width `hidden`, `heads` heads, feed-forward `4·hidden`, dropout), the last position and the head.
///
/// **The market bias (the formulation this model implements).** Per sequence, the volume column
/// (``SequenceModelConfiguration/volumeFeature``) and the volatility column
/// (``SequenceModelConfiguration/volatilityFeature``) are standardised over time:
///
///     z_j = (x_j − mean_t x_t) / sqrt(var_t x_t + 1e-5)      (population variance, per batch row)
///
/// In encoder layer l, head h, the score of query step i attending key step j gets
///
///     a[l, h] · zvol_j + b[l, h] · zσ_j
///
/// added before the softmax (a float attention mask `[batch·heads, T, T]`, row b·heads + h). So a
/// head with a > 0 attends more to high-volume steps, one with b > 0 to turbulent ones, whatever
/// the query. `a` and `b` are parameters (`volume_bias`, `volatility_bias`, shape
/// `[layers, heads]`), initialised to zero so the model starts as the plain
/// ``TransformerPredictor``. The brief's per-head scalars are made per layer too, because head h of
/// one layer has nothing to do with head h of another. The bias depends only on the key, so
/// standardising makes it invariant to the columns' units and level.
public final class MarketTransformerPredictor: Predictor {
    /// The per-step embedding `features → hidden`.
    public let embed: Linear
    /// The fixed sinusoidal position signal.
    public let positions: SinusoidalPositionalEncoding
    /// The encoder layers (run one by one, each with its own bias mask).
    public let encoder: TransformerEncoder
    /// The configured head (``SequenceModelConfiguration/makeHead(inFeatures:dtype:generator:)``).
    public let head: any UnaryModule
    /// `a`, `[layers, heads]`: the weight of the standardised volume of the key step.
    public private(set) var volumeBias: Tensor
    /// `b`, `[layers, heads]`: the weight of the standardised volatility of the key step.
    public private(set) var volatilityBias: Tensor
    /// Input columns of volume and volatility.
    public let volumeFeature: Int, volatilityFeature: Int
    /// Training mode; set with ``Module/train(_:)`` so the children follow.
    public var isTraining = true
    let features: Int, heads: Int

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        guard let volume = c.volumeFeature, let volatility = c.volatilityFeature else {
            throw TorchError(code: .invalidArgument, message: "model configuration: market-transformer needs volumeFeature and volatilityFeature")
        }
        (features, heads, volumeFeature, volatilityFeature) = (c.features, c.heads, volume, volatility)
        embed = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        positions = SinusoidalPositionalEncoding(dModel: c.hidden)
        encoder = try TransformerEncoder(numLayers: c.layers, dModel: c.hidden, nHead: c.heads, dimFeedforward: 4 * c.hidden,
                                         dropout: c.dropout, batchFirst: true, dtype: dtype, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
        volumeBias = try ParameterInit.constant([c.layers, c.heads], 0, dtype: dtype)
        volatilityBias = try ParameterInit.constant([c.layers, c.heads], 0, dtype: dtype)
    }

    /// `volume_bias`, `volatility_bias`.
    public var localState: [ModuleTensor] {
        [ModuleTensor("volume_bias", .parameter, volumeBias) { self.volumeBias = $0 },
         ModuleTensor("volatility_bias", .parameter, volatilityBias) { self.volatilityBias = $0 }]
    }

    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] { [("embed", embed), ("encoder", encoder), ("head", head)] }

    /// The additive attention-score bias of each encoder layer, `[batch·heads, T, T]` each.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func attentionBias(_ input: Tensor) throws -> [Tensor] {
        try SequenceInput.check(input, features: features, model: "market Transformer")
        let (batch, steps) = (input.shape[0], input.shape[1])
        func standardised(_ column: Int) throws -> Tensor {  // [batch, 1, T]
            let x = try input.narrow(dim: 2, start: column, length: 1).squeeze(dim: 2)
            let centred = try x - x.mean(dim: 1, keepDim: true)
            return try (centred / (try x.variance(dim: 1, unbiased: false, keepDim: true) + 1e-5).sqrt()).unsqueeze(dim: 1)
        }
        let volume = try standardised(volumeFeature), volatility = try standardised(volatilityFeature)
        return try (0..<encoder.layers.count).map { l in
            let a = try volumeBias.narrow(dim: 0, start: l, length: 1).reshape([1, heads, 1])
            let b = try volatilityBias.narrow(dim: 0, start: l, length: 1).reshape([1, heads, 1])
            let byKey = try a * volume + b * volatility  // [batch, heads, T]: the same for every query
            return try byKey.unsqueeze(dim: 2).expand([batch, heads, steps, steps]).reshape([batch * heads, steps, steps])
        }
    }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    public func forward(_ input: Tensor) throws -> Tensor {
        let masks = try attentionBias(input)
        var x = try positions(try embed(input))
        for (layer, mask) in zip(encoder.layers, masks) { x = try layer(x, mask: mask) }
        return try head(x.lastStep())
    }
}

/// Per-step attention weights of the zoo's Transformer-style models, `[batch, lookback]`, each row
/// summing to 1 (in evaluation mode; in training mode attention dropout perturbs them), oldest
/// step first — the same shape as ``BiLSTMAttentionPredictor/attentionWeights(_:)`` and
/// ``AttentionGRUPredictor/attentionWeights(_:)``, so explanations read every attention model alike.

extension TransformerPredictor {
    /// The last position's self-attention row (the position the head reads), averaged over
    /// heads and over encoder layers.
    ///
    /// An average, not attention rollout: it says where the final summary looked in each layer,
    /// without compounding the layers' mixing (rollout's residual and normalisation assumptions
    /// do not hold for post-norm layers).
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func attentionWeights(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: embed.inFeatures, model: "transformer")
        let x = try positions(try embed(input))
        return try Self.lastRowAverage(encoder.layers, x, masks: encoder.layers.map { _ in nil })
    }

    /// Runs `x` through `layers` (each with its mask) and averages their last-position attention rows.
    static func lastRowAverage(_ layers: [TransformerEncoderLayer], _ input: Tensor, masks: [Tensor?]) throws -> Tensor {
        var x = input
        var total: Tensor?
        for (layer, mask) in zip(layers, masks) {
            let step = try layer.encode(x, mask: mask)
            x = step.output
            let row = try step.weights.lastStep()
            total = try total.map { try $0 + row } ?? row
        }
        guard let total else {
            throw TorchError(code: .invalidArgument, message: "attention weights: the encoder has no layers")
        }
        return try total * (1 / Double(layers.count))
    }
}

extension MarketTransformerPredictor {
    /// The last position's self-attention row, averaged over heads and encoder layers, with the
    /// market bias of each layer applied as in ``forward(_:)``.
    /// - Throws: ``TorchError`` naming expected and actual input shapes.
    public func attentionWeights(_ input: Tensor) throws -> Tensor {
        let masks = try attentionBias(input)
        return try TransformerPredictor.lastRowAverage(encoder.layers, try positions(try embed(input)), masks: masks)
    }
}

extension MultiScaleAttentionPredictor {
    /// The last step's attention over each trailing scale, averaged over heads, placed at the
    /// steps it covers (zero before a scale's window) and averaged over scales.
    /// - Throws: ``TorchError`` for a wrong shape or a lookback shorter than the longest scale.
    public func attentionWeights(_ input: Tensor) throws -> Tensor {
        try SequenceInput.check(input, features: features, model: "multi-scale attention")
        let (batch, steps) = (input.shape[0], input.shape[1])
        guard steps >= (scales.max() ?? 0) else {
            throw TorchError(code: .invalidArgument,
                             message: "multi-scale attention: the sequence has \(steps) steps, shorter than the longest scale \(scales.max() ?? 0)")
        }
        let e = try positions(try embed(input))
        let query = try e.narrow(dim: 1, start: steps - 1, length: 1)
        var total: Tensor?
        for (s, attend) in zip(scales, attention) {
            let window = try e.narrow(dim: 1, start: steps - s, length: s)
            var row = try attend(query: query, key: window, value: window).weights.squeeze(dim: 1)  // [batch, s]
            if s < steps {
                row = try Tensor.cat([try Tensor.zeros(shape: [batch, steps - s], dtype: row.dtype), row], dim: 1)
            }
            total = try total.map { try $0 + row } ?? row
        }
        guard let total else {
            throw TorchError(code: .invalidArgument, message: "multi-scale attention: no scales")
        }
        return try total * (1 / Double(scales.count))
    }
}

import BarbellTorch

/// Which weights each attention architecture reports (in evaluation mode):
/// - `transformer`, `market-transformer`: the last position's self-attention row (what the head
///   reads), averaged over heads and layers — an average, not attention rollout;
/// - `bilstm-attention`, `attention-gru`: the additive attention-pooling weights;
/// - `multiscale-attention`: each scale's last-step attention placed on the steps it covers
///   (zero before its window), averaged over heads and scales.
/// Other architectures have no attention and throw.
extension TrainedNeural: AttentionReporting {
    /// The zoo architectures that report attention.
    static let attentive: [SequenceModelConfiguration.Architecture] =
        [.transformer, .marketTransformer, .biLSTMAttention, .attentionGRU, .multiScaleAttention]

    var reportsAttention: Bool { Self.attentive.contains(state.model.architecture) }

    func attention(_ inputs: FeatureMatrix, rows: [Int]) throws -> AttentionMap {
        let weights: (Tensor) throws -> Tensor
        switch model {
        case let m as TransformerPredictor: weights = m.attentionWeights
        case let m as MarketTransformerPredictor: weights = m.attentionWeights
        case let m as BiLSTMAttentionPredictor: weights = m.attentionWeights
        case let m as AttentionGRUPredictor: weights = m.attentionWeights
        case let m as MultiScaleAttentionPredictor: weights = m.attentionWeights
        default:
            throw LearningError(.invalidArgument,
                "model \(configuration.type) has no attention; attention models are \(Self.attentive.map(\.rawValue).joined(separator: ", "))")
        }
        let lookback = state.lookback
        let flat = try batched(inputs, rows: rows) { x in try weights(x).toArray() }
        return AttentionMap(lookback: lookback, rows: rows,
                            weights: (0..<rows.count).map { Array(flat[($0 * lookback)..<(($0 + 1) * lookback)]) })
    }
}

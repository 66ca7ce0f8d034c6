extension SequenceModelConfiguration {
    /// Builds the recurrent variants: bidirectional LSTM with attention, residual LSTM,
    /// attention GRU, bidirectional GRU with feature fusion.
    func buildRecurrentVariant(dtype: DType, generator: SeededGenerator) throws -> any Predictor {
        switch architecture {
        case .biLSTMAttention: return try BiLSTMAttentionPredictor(self, dtype: dtype, generator: generator)
        case .residualLSTM: return try ResidualLSTMPredictor(self, dtype: dtype, generator: generator)
        case .attentionGRU: return try AttentionGRUPredictor(self, dtype: dtype, generator: generator)
        case .biGRUFusion: return try BiGRUFusionPredictor(self, dtype: dtype, generator: generator)
        default:
            throw TorchError(code: .invalidArgument, message: "model configuration: \(architecture.rawValue) is not a recurrent variant")
        }
    }
}

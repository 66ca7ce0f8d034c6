extension SequenceModelConfiguration {
    /// Builds the market-aware Transformer, multi-scale attention, 1D CNN, CNN-LSTM and TCN.
    func buildConvolutionalOrAttentionVariant(dtype: DType, generator: SeededGenerator) throws -> any Predictor {
        switch architecture {
        case .marketTransformer: return try MarketTransformerPredictor(self, dtype: dtype, generator: generator)
        case .multiScaleAttention: return try MultiScaleAttentionPredictor(self, dtype: dtype, generator: generator)
        case .cnn: return try CNNPredictor(self, dtype: dtype, generator: generator)
        case .cnnLSTM: return try CNNLSTMPredictor(self, dtype: dtype, generator: generator)
        case .tcn: return try TCNPredictor(self, dtype: dtype, generator: generator)
        default:
            throw TorchError(code: .invalidArgument,
                             message: "model configuration: \(architecture.rawValue) is not a convolutional or attention variant")
        }
    }
}

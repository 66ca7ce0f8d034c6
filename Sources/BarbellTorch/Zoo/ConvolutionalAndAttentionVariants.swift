extension SequenceModelConfiguration {
    /// Builds the market-aware Transformer, multi-scale attention, 1D CNN, CNN-LSTM and TCN.
    func buildConvolutionalOrAttentionVariant(dtype: DType, generator: SeededGenerator) throws -> any Predictor {
        throw TorchError(code: .invalidArgument, message: "model configuration: architecture \(architecture.rawValue) is not built yet")
    }
}

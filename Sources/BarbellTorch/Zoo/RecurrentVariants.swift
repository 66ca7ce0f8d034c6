extension SequenceModelConfiguration {
    /// Builds the recurrent variants: bidirectional LSTM with attention, residual LSTM,
    /// attention GRU, bidirectional GRU with feature fusion.
    func buildRecurrentVariant(dtype: DType, generator: SeededGenerator) throws -> any Predictor {
        throw TorchError(code: .invalidArgument, message: "model configuration: architecture \(architecture.rawValue) is not built yet")
    }
}

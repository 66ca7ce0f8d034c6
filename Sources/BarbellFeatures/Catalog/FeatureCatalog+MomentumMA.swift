extension FeatureCatalog {
    /// TA-Lib momentum indicators built on moving averages (APO, PPO, MACD family, STOCH family, TRIX).
    static let momentumMA: [FeatureDescriptor] = []
}

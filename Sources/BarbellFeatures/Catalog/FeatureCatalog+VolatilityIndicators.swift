extension FeatureCatalog {
    /// The VolatilityIndicators family (filled in as its kernels land).
    static let volatilityIndicators: [FeatureDescriptor] = []
}

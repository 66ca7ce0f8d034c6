extension FeatureCatalog {
    /// The RealizedVolatility family (filled in as its kernels land).
    static let realizedVolatility: [FeatureDescriptor] = []
}

extension FeatureCatalog {
    /// The Regime family (filled in as its kernels land).
    static let regime: [FeatureDescriptor] = []
}

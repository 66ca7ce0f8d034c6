extension FeatureCatalog {
    /// The Momentum family (filled in as its kernels land).
    static let momentum: [FeatureDescriptor] = []
}

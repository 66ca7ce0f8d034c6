extension FeatureCatalog {
    /// The TailRisk family (filled in as its kernels land).
    static let tailRisk: [FeatureDescriptor] = []
}

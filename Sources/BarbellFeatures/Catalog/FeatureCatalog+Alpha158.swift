extension FeatureCatalog {
    /// The Alpha158 family (filled in as its kernels land).
    static let alpha158: [FeatureDescriptor] = []
}

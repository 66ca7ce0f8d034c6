extension FeatureCatalog {
    /// The CrossAsset family (filled in as its kernels land).
    static let crossAsset: [FeatureDescriptor] = []
}

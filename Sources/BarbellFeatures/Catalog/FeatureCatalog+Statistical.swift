extension FeatureCatalog {
    /// The Statistical family (filled in as its kernels land).
    static let statistical: [FeatureDescriptor] = []
}

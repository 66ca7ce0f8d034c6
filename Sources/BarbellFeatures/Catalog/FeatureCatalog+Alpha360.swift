extension FeatureCatalog {
    /// The Alpha360 family (filled in as its kernels land).
    static let alpha360: [FeatureDescriptor] = []
}

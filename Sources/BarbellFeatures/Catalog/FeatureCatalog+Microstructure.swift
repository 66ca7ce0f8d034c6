extension FeatureCatalog {
    /// The Microstructure family (filled in as its kernels land).
    static let microstructure: [FeatureDescriptor] = []
}

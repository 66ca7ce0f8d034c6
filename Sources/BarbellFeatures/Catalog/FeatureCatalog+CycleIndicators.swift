extension FeatureCatalog {
    /// The CycleIndicators family (filled in as its kernels land).
    static let cycleIndicators: [FeatureDescriptor] = []
}

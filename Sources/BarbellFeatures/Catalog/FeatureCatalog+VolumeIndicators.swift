extension FeatureCatalog {
    /// The VolumeIndicators family (filled in as its kernels land).
    static let volumeIndicators: [FeatureDescriptor] = []
}

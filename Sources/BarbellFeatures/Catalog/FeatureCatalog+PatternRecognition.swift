extension FeatureCatalog {
    /// The PatternRecognition family (filled in as its kernels land).
    static let patternRecognition: [FeatureDescriptor] = []
}

extension FeatureCatalog {
    /// The PriceTransform family (filled in as its kernels land).
    static let priceTransform: [FeatureDescriptor] = []
}

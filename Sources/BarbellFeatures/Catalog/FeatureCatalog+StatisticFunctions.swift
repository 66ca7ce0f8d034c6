extension FeatureCatalog {
    /// The StatisticFunctions family (filled in as its kernels land).
    static let statisticFunctions: [FeatureDescriptor] = []
}

extension StreamingFeatureSet {
    /// A streaming twin of `FeatureComputer(set)`.
    public init(_ set: FeatureSet, catalog: FeatureCatalog = .standard) throws(FeatureError) {
        self.init(try set.resolve(in: catalog))
    }
}

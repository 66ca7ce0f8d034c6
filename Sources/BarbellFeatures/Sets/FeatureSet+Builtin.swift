extension FeatureSet {
    /// Named sets shipped with Barbell, selectable with `--set NAME`.
    ///
    /// - `alpha158`, `alpha360`: Qlib's sets, in Qlib's column order.
    /// - `talib`: every TA-Lib function of the classic set with TA-Lib's default parameters.
    /// - `all`: every feature in the catalogue with its defaults.
    public static func builtin(_ name: String, catalog: FeatureCatalog = .standard) -> FeatureSet? {
        let groups: [FeatureGroup]
        switch name.lowercased() {
        // Qlib's own column order; Alpha360 shares OPEN0/HIGH0/LOW0/VWAP0 with Alpha158.
        case "alpha158": return FeatureSet(name: "alpha158", features: FeatureCatalog.alpha158Names.map { FeatureSpec($0) })
        case "alpha360": return FeatureSet(name: "alpha360", features: FeatureCatalog.alpha360Names.map { FeatureSpec($0) })
        case "talib", "ta-lib":
            groups = [.overlapStudies, .momentum, .volume, .volatility, .priceTransform, .cycle, .statistic, .pattern]
        case "all": groups = FeatureGroup.allCases
        default: return nil
        }
        let specs = catalog.descriptors.filter { groups.contains($0.group) }.map { FeatureSpec($0.name) }
        return FeatureSet(name: name.lowercased(), features: specs)
    }

    /// Names accepted by ``builtin(_:catalog:)``.
    public static let builtinNames = ["alpha158", "alpha360", "talib", "all"]
}

extension FeatureSet {
    /// Named sets shipped with Barbell, selectable with `--set NAME`.
    ///
    /// - `alpha158`, `alpha360`: Qlib's sets, in Qlib's column order.
    /// - `talib`: every TA-Lib function of the classic set with TA-Lib's default parameters, except
    ///   MAVP, whose per-bar `periods` input a bar file does not have.
    /// - `all`: every feature computable from bars alone (OHLCV and VWAP) with its defaults; the
    ///   cross-asset, order-book and MAVP features need extra inputs and are left out.
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
        let barFields: Set<InputField> = [.open, .high, .low, .close, .volume, .vwap]
        let specs = catalog.descriptors
            .filter { groups.contains($0.group) && Set($0.inputs).isSubset(of: barFields) }
            .map { FeatureSpec($0.name) }
        return FeatureSet(name: name.lowercased(), features: specs)
    }

    /// Names accepted by ``builtin(_:catalog:)``.
    public static let builtinNames = ["alpha158", "alpha360", "talib", "all"]
}

extension FeatureCatalog {
    /// Qlib's Alpha158 column names in Qlib's order (`Alpha158DL` with the `Alpha158` handler's
    /// config), for `--set alpha158`.
    public static let alpha158Names: [String] = Alpha158Feature.all.map(\.name)

    /// Qlib's Alpha158 set, one feature per column, computed with Qlib's operator semantics
    /// (pandas rolling windows with `min_periods=1`, so values start at the first bar).
    static let alpha158: [FeatureDescriptor] = Alpha158Feature.all.map { feature in
        FeatureDescriptor(
            name: feature.name, group: .alpha158,
            summary: "Qlib Alpha158: " + feature.expression,
            inputs: feature.inputs, outputs: ["real"], nanPolicy: .passThrough,
            streamingCost: streamingCost(feature),
            lookback: { _ in 0 },
            batch: { inputs, _, outputs in Alpha158Kernel.batch(feature, inputs, outputs[0]) },
            stream: { _ in Alpha158Kernel.Stream(feature) }
        )
    }

    private static func streamingCost(_ feature: Alpha158Feature) -> String {
        guard case .rolling(let kind, _) = feature else { return "O(1)" }
        switch kind {
        case .MAX, .MIN, .RSV, .IMAX, .IMIN, .IMXD, .QTLU, .QTLD, .RANK: return "O(window)"
        default: return "O(1) amortised"
        }
    }
}

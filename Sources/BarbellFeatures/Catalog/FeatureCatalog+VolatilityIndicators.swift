extension FeatureCatalog {
    /// TA-Lib's Volatility Indicators.
    static let volatilityIndicators: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "TRANGE", group: .volatility, summary: "True range",
            inputs: InputField.hlc, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in TRANGE.lookback },
            batch: { i, _, o in TRANGE.batch(high: i[0], low: i[1], close: i[2], o[0]) },
            stream: { _ in TRANGE.Stream() }
        ),
        FeatureDescriptor(
            name: "ATR", group: .volatility, summary: "Average true range (Wilder smoothing)",
            inputs: InputField.hlc, parameters: [.timePeriod(default: 14, min: 1)], outputs: ["real"], writesEveryOutput: true,
            lookback: { ATR.lookback($0.int("timeperiod")) },
            batch: { i, p, o in ATR.batch(high: i[0], low: i[1], close: i[2], period: p.int("timeperiod"), normalized: false, o[0]) },
            stream: { ATR.Stream(period: $0.int("timeperiod"), normalized: false) }
        ),
        FeatureDescriptor(
            name: "NATR", group: .volatility, summary: "Normalized average true range: 100·ATR / close",
            inputs: InputField.hlc, parameters: [.timePeriod(default: 14, min: 1)], outputs: ["real"], writesEveryOutput: true,
            lookback: { ATR.lookback($0.int("timeperiod")) },
            batch: { i, p, o in ATR.batch(high: i[0], low: i[1], close: i[2], period: p.int("timeperiod"), normalized: true, o[0]) },
            stream: { ATR.Stream(period: $0.int("timeperiod"), normalized: true) }
        ),
    ]
}

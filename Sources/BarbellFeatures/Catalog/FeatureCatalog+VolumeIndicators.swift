extension FeatureCatalog {
    /// TA-Lib's Volume Indicators.
    static let volumeIndicators: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "AD", group: .volume, summary: "Chaikin accumulation/distribution line",
            inputs: InputField.hlcv, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in AD.batch(high: i[0], low: i[1], close: i[2], volume: i[3], o[0]) },
            stream: { _ in AD.Stream() }
        ),
        FeatureDescriptor(
            name: "ADOSC", group: .volume, summary: "Chaikin A/D oscillator: fast EMA − slow EMA of the A/D line",
            inputs: InputField.hlcv,
            parameters: [
                .integer("fastperiod", default: 3, range: 2...100_000, "fast EMA period"),
                .integer("slowperiod", default: 10, range: 2...100_000, "slow EMA period"),
            ],
            outputs: ["real"], writesEveryOutput: true,
            lookback: { ADOSC.lookback(fast: $0.int("fastperiod"), slow: $0.int("slowperiod")) },
            batch: { i, p, o in
                ADOSC.batch(high: i[0], low: i[1], close: i[2], volume: i[3], fast: p.int("fastperiod"), slow: p.int("slowperiod"), o[0])
            },
            stream: { ADOSC.Stream(fast: $0.int("fastperiod"), slow: $0.int("slowperiod")) }
        ),
        FeatureDescriptor(
            name: "OBV", group: .volume, summary: "On-balance volume",
            inputs: [.close, .volume], outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in OBV.batch(close: i[0], volume: i[1], o[0]) },
            stream: { _ in OBV.Stream() }
        ),
    ]
}

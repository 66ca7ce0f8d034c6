extension FeatureCatalog {
    /// TA-Lib's Price Transform functions, plus AVGDEV (TA-Lib files it there too).
    static let priceTransform: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "AVGPRICE", group: .priceTransform, summary: "Average price: (open + high + low + close) / 4",
            inputs: InputField.ohlc, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in AVGPRICE.batch(open: i[0], high: i[1], low: i[2], close: i[3], o[0]) },
            stream: { _ in AVGPRICE.Stream() }
        ),
        FeatureDescriptor(
            name: "MEDPRICE", group: .priceTransform, summary: "Median price: (high + low) / 2",
            inputs: InputField.hl, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in MEDPRICE.batch(high: i[0], low: i[1], o[0]) },
            stream: { _ in MEDPRICE.Stream() }
        ),
        FeatureDescriptor(
            name: "TYPPRICE", group: .priceTransform, summary: "Typical price: (high + low + close) / 3",
            inputs: InputField.hlc, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in TYPPRICE.batch(high: i[0], low: i[1], close: i[2], o[0]) },
            stream: { _ in TYPPRICE.Stream() }
        ),
        FeatureDescriptor(
            name: "WCLPRICE", group: .priceTransform, summary: "Weighted close price: (high + low + 2·close) / 4",
            inputs: InputField.hlc, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in WCLPRICE.batch(high: i[0], low: i[1], close: i[2], o[0]) },
            stream: { _ in WCLPRICE.Stream() }
        ),
        .scalar(
            "AVGDEV", group: .priceTransform, summary: "Average absolute deviation from the window mean",
            parameters: [.timePeriod(default: 14)], writesEveryOutput: true, streamingCost: "O(timeperiod)",
            lookback: { AVGDEV.lookback($0.int("timeperiod")) },
            batch: { x, p, out in AVGDEV.batch(x, period: p.int("timeperiod"), out) },
            stream: { AVGDEV.Stream(period: $0.int("timeperiod")) }
        ),
    ]
}

extension FeatureCatalog {
    /// TA-Lib's Momentum Indicators that are not built on a moving-average type (APO, PPO, MACD,
    /// STOCH and TRIX live in `FeatureCatalog+MomentumMA.swift`).
    static let momentum: [FeatureDescriptor] = directional + rateOfChange + oscillators

    // MARK: Directional movement

    private static let directional: [FeatureDescriptor] = [
        directionalFeature("ADX", "Average Directional Movement Index", inputs: InputField.hlc, minPeriod: 2,
                           lookback: ADX.lookback,
                           batch: { i, p, o in ADX.batch(high: i[0], low: i[1], close: i[2], period: p, o[0]) },
                           stream: { ADX.Stream(period: $0) }),
        directionalFeature("ADXR", "Average Directional Movement Index Rating", inputs: InputField.hlc, minPeriod: 2,
                           lookback: ADX.ratingLookback,
                           batch: { i, p, o in ADX.ratingBatch(high: i[0], low: i[1], close: i[2], period: p, o[0]) },
                           stream: { ADX.RatingStream(period: $0) }),
        directionalIndicator("DX", "Directional Movement Index", .dx, minPeriod: 2),
        directionalIndicator("MINUS_DI", "Minus Directional Indicator", .minusDI, minPeriod: 1),
        directionalIndicator("MINUS_DM", "Minus Directional Movement", .minusDM, minPeriod: 1),
        directionalIndicator("PLUS_DI", "Plus Directional Indicator", .plusDI, minPeriod: 1),
        directionalIndicator("PLUS_DM", "Plus Directional Movement", .plusDM, minPeriod: 1),
    ]

    private static func directionalIndicator(_ name: String, _ summary: String, _ kind: DirectionalIndicator.Kind, minPeriod: Int) -> FeatureDescriptor {
        let usesClose = kind == .plusDI || kind == .minusDI || kind == .dx
        return directionalFeature(
            name, summary, inputs: usesClose ? InputField.hlc : InputField.hl, minPeriod: minPeriod,
            lookback: { DirectionalIndicator.lookback(kind, $0) },
            batch: { i, p, o in
                DirectionalIndicator.batch(kind, high: i[0], low: i[1], close: usesClose ? i[2] : nil, period: p, o[0])
            },
            stream: { DirectionalIndicator.Stream(kind: kind, period: $0) })
    }

    private static func directionalFeature(
        _ name: String, _ summary: String, inputs: [InputField], minPeriod: Int,
        lookback: @escaping @Sendable (Int) -> Int,
        batch: @escaping @Sendable (BatchInputs, Int, BatchOutputs) -> Void,
        stream: @escaping @Sendable (Int) -> any FeatureStream
    ) -> FeatureDescriptor {
        FeatureDescriptor(
            name: name, group: .momentum, summary: summary, inputs: inputs,
            parameters: [.timePeriod(default: 14, min: minPeriod)], outputs: ["real"], writesEveryOutput: true,
            lookback: { lookback($0.int("timeperiod")) },
            batch: { i, p, o in batch(i, p.int("timeperiod"), o) },
            stream: { stream($0.int("timeperiod")) })
    }

    // MARK: Rate of change

    private static let rateOfChange: [FeatureDescriptor] = [
        rate("MOM", "Momentum: close - close[t - timeperiod]", .momentum),
        rate("ROC", "Rate of change: (close / prev - 1) * 100", .percent),
        rate("ROCP", "Rate of change percentage: (close - prev) / prev", .fraction),
        rate("ROCR", "Rate of change ratio: close / prev", .ratio),
        rate("ROCR100", "Rate of change ratio, 100 scale: (close / prev) * 100", .ratio100),
    ]

    private static func rate(_ name: String, _ summary: String, _ kind: RateOfChange.Kind) -> FeatureDescriptor {
        .scalar(name, group: .momentum, summary: summary, parameters: [.timePeriod(default: 10, min: 1)], writesEveryOutput: true,
                lookback: { RateOfChange.lookback($0.int("timeperiod")) },
                batch: { x, p, out in RateOfChange.batch(kind, x, period: p.int("timeperiod"), out) },
                stream: { RateOfChange.Stream(kind: kind, period: $0.int("timeperiod")) })
    }

    // MARK: Oscillators

    private static let oscillators: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "BOP", group: .momentum, summary: "Balance of Power: (close - open) / (high - low)",
            inputs: InputField.ohlc, outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in 0 },
            batch: { i, _, o in BOP.batch(open: i[0], high: i[1], low: i[2], close: i[3], o[0]) },
            stream: { _ in BOP.Stream() }),
        wilder("CMO", "Chande Momentum Oscillator", .cmo),
        wilder("RSI", "Relative Strength Index", .rsi),
        FeatureDescriptor(
            name: "AROON", group: .momentum, summary: "Aroon: bars since the highest high / lowest low, 0-100",
            inputs: InputField.hl, parameters: [.timePeriod(default: 14)], outputs: ["aroondown", "aroonup"], writesEveryOutput: true,
            streamingCost: "O(1) amortised, O(timeperiod) worst case",
            lookback: { AROON.lookback($0.int("timeperiod")) },
            batch: { i, p, o in AROON.batch(high: i[0], low: i[1], period: p.int("timeperiod"), down: o[0], up: o[1]) },
            stream: { AROON.Stream(period: $0.int("timeperiod"), oscillator: false) }),
        FeatureDescriptor(
            name: "AROONOSC", group: .momentum, summary: "Aroon oscillator: aroonup - aroondown",
            inputs: InputField.hl, parameters: [.timePeriod(default: 14)], outputs: ["real"], writesEveryOutput: true,
            streamingCost: "O(1) amortised, O(timeperiod) worst case",
            lookback: { AROON.lookback($0.int("timeperiod")) },
            batch: { i, p, o in AROON.oscillatorBatch(high: i[0], low: i[1], period: p.int("timeperiod"), o[0]) },
            stream: { AROON.Stream(period: $0.int("timeperiod"), oscillator: true) }),
        FeatureDescriptor(
            name: "CCI", group: .momentum, summary: "Commodity Channel Index",
            inputs: InputField.hlc, parameters: [.timePeriod(default: 14)], outputs: ["real"], writesEveryOutput: true,
            streamingCost: "O(timeperiod)",
            lookback: { CCI.lookback($0.int("timeperiod")) },
            batch: { i, p, o in CCI.batch(high: i[0], low: i[1], close: i[2], period: p.int("timeperiod"), o[0]) },
            stream: { CCI.Stream(period: $0.int("timeperiod")) }),
        FeatureDescriptor(
            name: "IMI", group: .momentum, summary: "Intraday Momentum Index",
            inputs: [.open, .close], parameters: [.timePeriod(default: 14)], outputs: ["real"], writesEveryOutput: true,
            streamingCost: "O(timeperiod)",
            lookback: { IMI.lookback($0.int("timeperiod")) },
            batch: { i, p, o in IMI.batch(open: i[0], close: i[1], period: p.int("timeperiod"), o[0]) },
            stream: { IMI.Stream(period: $0.int("timeperiod")) }),
        FeatureDescriptor(
            name: "MFI", group: .momentum, summary: "Money Flow Index",
            inputs: InputField.hlcv, parameters: [.timePeriod(default: 14)], outputs: ["real"], writesEveryOutput: true,
            lookback: { MFI.lookback($0.int("timeperiod")) },
            batch: { i, p, o in MFI.batch(high: i[0], low: i[1], close: i[2], volume: i[3], period: p.int("timeperiod"), o[0]) },
            stream: { MFI.Stream(period: $0.int("timeperiod")) }),
        FeatureDescriptor(
            name: "ULTOSC", group: .momentum, summary: "Ultimate Oscillator",
            inputs: InputField.hlc,
            parameters: [
                .integer("timeperiod1", default: 7, range: 1...100_000, "number of bars for the first average"),
                .integer("timeperiod2", default: 14, range: 1...100_000, "number of bars for the second average"),
                .integer("timeperiod3", default: 28, range: 1...100_000, "number of bars for the third average"),
            ],
            outputs: ["real"], writesEveryOutput: true,
            lookback: { ULTOSC.lookback($0.int("timeperiod1"), $0.int("timeperiod2"), $0.int("timeperiod3")) },
            batch: { i, p, o in
                ULTOSC.batch(high: i[0], low: i[1], close: i[2],
                             periods: (p.int("timeperiod1"), p.int("timeperiod2"), p.int("timeperiod3")), o[0])
            },
            stream: { ULTOSC.Stream($0.int("timeperiod1"), $0.int("timeperiod2"), $0.int("timeperiod3")) }),
        FeatureDescriptor(
            name: "WILLR", group: .momentum, summary: "Williams' %R",
            inputs: InputField.hlc, parameters: [.timePeriod(default: 14)], outputs: ["real"], writesEveryOutput: true,
            streamingCost: "O(1) amortised, O(timeperiod) worst case",
            lookback: { WILLR.lookback($0.int("timeperiod")) },
            batch: { i, p, o in WILLR.batch(high: i[0], low: i[1], close: i[2], period: p.int("timeperiod"), o[0]) },
            stream: { WILLR.Stream(period: $0.int("timeperiod")) }),
    ]

    private static func wilder(_ name: String, _ summary: String, _ kind: WilderOscillator.Kind) -> FeatureDescriptor {
        .scalar(name, group: .momentum, summary: summary, parameters: [.timePeriod(default: 14)], writesEveryOutput: true,
                lookback: { WilderOscillator.lookback($0.int("timeperiod")) },
                batch: { x, p, out in WilderOscillator.batch(kind, x, period: p.int("timeperiod"), out) },
                stream: { WilderOscillator.Stream(kind: kind, period: $0.int("timeperiod")) })
    }
}

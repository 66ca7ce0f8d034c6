extension FeatureCatalog {
    /// TA-Lib's Overlap Studies.
    static let overlapStudies: [FeatureDescriptor] = [
        .scalar(
            "SMA", group: .overlapStudies, summary: "Simple moving average",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { SMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in SMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { SMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "EMA", group: .overlapStudies, summary: "Exponential moving average, seeded with the SMA of the first period",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { EMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in
                let period = p.int("timeperiod")
                EMA.batch(x, period: period, k: EMA.k(period), out)
            },
            stream: { p in
                let period = p.int("timeperiod")
                return EMA.Stream(period: period, k: EMA.k(period))
            }
        ),
        .scalar(
            "WMA", group: .overlapStudies, summary: "Linearly weighted moving average",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { WMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in WMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { WMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "MA", group: .overlapStudies, summary: "Moving average of any TA-Lib type (matype)",
            parameters: [.timePeriod(default: 30, min: 1), .maType()], writesEveryOutput: true,
            lookback: { MovingAverage.lookback($0.maType(), period: $0.int("timeperiod")) },
            batch: { x, p, out in MovingAverage.batch(p.maType(), period: p.int("timeperiod"), x, out) },
            stream: { MovingAverage.stream($0.maType(), period: $0.int("timeperiod")) }
        ),
        .scalar(
            "DEMA", group: .overlapStudies, summary: "Double exponential moving average, 2·EMA − EMA(EMA)",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { DEMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in DEMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { DEMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "TEMA", group: .overlapStudies, summary: "Triple exponential moving average, 3·EMA − 3·EMA² + EMA³",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { TEMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in TEMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { TEMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "TRIMA", group: .overlapStudies, summary: "Triangular moving average (an SMA of an SMA)",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { TRIMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in TRIMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { TRIMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "KAMA", group: .overlapStudies, summary: "Kaufman adaptive moving average",
            parameters: [.timePeriod(default: 30)], writesEveryOutput: true,
            lookback: { KAMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in KAMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { KAMA.Stream(period: $0.int("timeperiod")) }
        ),
        FeatureDescriptor(
            name: "MAMA", group: .overlapStudies, summary: "MESA adaptive moving average (MAMA) and following adaptive average (FAMA)",
            inputs: [.close],
            parameters: [
                .real("fastlimit", default: 0.5, range: 0.01...0.99, "upper limit of the adaptive factor"),
                .real("slowlimit", default: 0.05, range: 0.01...0.99, "lower limit of the adaptive factor"),
            ],
            outputs: ["mama", "fama"],
            lookback: { MAMA.lookback(fastLimit: $0.double("fastlimit"), slowLimit: $0.double("slowlimit")) },
            batch: { inputs, p, outputs in
                MAMA.batch(inputs[0], fastLimit: p.double("fastlimit"), slowLimit: p.double("slowlimit"),
                           mama: outputs[0], fama: outputs[1])
            },
            stream: { MAMA.Stream(fastLimit: $0.double("fastlimit"), slowLimit: $0.double("slowlimit")) }
        ),
        .scalar(
            "T3", group: .overlapStudies, summary: "Tillson T3: a triple generalised DEMA",
            parameters: [
                .timePeriod(default: 5),
                .real("vfactor", default: 0.7, range: 0...1, "volume factor: 0 gives a triple EMA, 1 a triple DEMA"),
            ], writesEveryOutput: true,
            lookback: { T3.lookback($0.int("timeperiod"), vFactor: $0.double("vfactor")) },
            batch: { x, p, out in T3.batch(x, period: p.int("timeperiod"), vFactor: p.double("vfactor"), out) },
            stream: { T3.Stream(period: $0.int("timeperiod"), vFactor: $0.double("vfactor")) }
        ),
        FeatureDescriptor(
            name: "BBANDS", group: .overlapStudies, summary: "Bollinger Bands: a moving average ± multiples of the standard deviation",
            inputs: [.close],
            parameters: [
                .timePeriod(default: 5),
                .real("nbdevup", default: 2, range: -3e37...3e37, "standard deviations above the middle band"),
                .real("nbdevdn", default: 2, range: -3e37...3e37, "standard deviations below the middle band"),
                .maType(),
            ],
            outputs: ["upperband", "middleband", "lowerband"], writesEveryOutput: true,
            lookback: { BBANDS.lookback(period: $0.int("timeperiod"), type: $0.maType()) },
            batch: { inputs, p, outputs in
                BBANDS.batch(inputs[0], period: p.int("timeperiod"), devUp: p.double("nbdevup"), devDown: p.double("nbdevdn"),
                             type: p.maType(), upper: outputs[0], middle: outputs[1], lower: outputs[2])
            },
            stream: { p in
                BBANDS.Stream(period: p.int("timeperiod"), devUp: p.double("nbdevup"), devDown: p.double("nbdevdn"), type: p.maType())
            }
        ),
        FeatureDescriptor(
            name: "ACCBANDS", group: .overlapStudies, summary: "Acceleration Bands: SMAs of the high and low widened by 4·range/(high+low)",
            inputs: InputField.hlc,
            parameters: [.timePeriod(default: 20)],
            outputs: ["upperband", "middleband", "lowerband"], writesEveryOutput: true,
            lookback: { ACCBANDS.lookback($0.int("timeperiod")) },
            batch: { inputs, p, outputs in
                ACCBANDS.batch(high: inputs[0], low: inputs[1], close: inputs[2], period: p.int("timeperiod"),
                               upper: outputs[0], middle: outputs[1], lower: outputs[2])
            },
            stream: { ACCBANDS.Stream(period: $0.int("timeperiod")) }
        ),
        FeatureDescriptor(
            name: "MAVP", group: .overlapStudies, summary: "Moving average with a per-bar period taken from the periods column",
            inputs: [.close, .periods],
            parameters: [
                .integer("minperiod", default: 2, range: 2...100_000, "smallest period used; smaller values are raised to it"),
                .integer("maxperiod", default: 30, range: 2...100_000, "largest period used; larger values are lowered to it"),
                .maType(),
            ],
            outputs: ["real"],
            streamingCost: "O(maxperiod − minperiod)",
            lookback: { MAVP.lookback(minPeriod: $0.int("minperiod"), maxPeriod: $0.int("maxperiod"), type: $0.maType()) },
            batch: { inputs, p, outputs in
                MAVP.batch(inputs[0], periods: inputs[1], minPeriod: p.int("minperiod"), maxPeriod: p.int("maxperiod"),
                           type: p.maType(), outputs[0])
            },
            stream: { MAVP.Stream(minPeriod: $0.int("minperiod"), maxPeriod: $0.int("maxperiod"), type: $0.maType()) }
        ),
        .scalar(
            "MIDPOINT", group: .overlapStudies, summary: "Midpoint of the window: (highest + lowest) / 2",
            parameters: [.timePeriod(default: 14)],
            lookback: { MIDPOINT.lookback($0.int("timeperiod")) },
            batch: { x, p, out in MIDPOINT.batch(x, period: p.int("timeperiod"), out) },
            stream: { MIDPOINT.Stream(period: $0.int("timeperiod")) }
        ),
        FeatureDescriptor(
            name: "MIDPRICE", group: .overlapStudies, summary: "Midpoint price: (highest high + lowest low) / 2 over the window",
            inputs: InputField.hl, parameters: [.timePeriod(default: 14)], outputs: ["real"],
            lookback: { MIDPRICE.lookback($0.int("timeperiod")) },
            batch: { inputs, p, outputs in MIDPRICE.batch(high: inputs[0], low: inputs[1], period: p.int("timeperiod"), outputs[0]) },
            stream: { MIDPRICE.Stream(period: $0.int("timeperiod")) }
        ),
        FeatureDescriptor(
            name: "SAR", group: .overlapStudies, summary: "Parabolic SAR (stop and reverse)",
            inputs: InputField.hl,
            parameters: [
                .real("acceleration", default: 0.02, range: 0...3e37, "acceleration factor: initial value and step"),
                .real("maximum", default: 0.2, range: 0...3e37, "largest acceleration factor"),
            ],
            outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in ParabolicSAR.lookback },
            batch: { inputs, p, outputs in ParabolicSAR.batch(high: inputs[0], low: inputs[1], sarSettings(p), outputs[0]) },
            stream: { ParabolicSAR.Stream(sarSettings($0)) }
        ),
        FeatureDescriptor(
            name: "SAREXT", group: .overlapStudies, summary: "Parabolic SAR, extended: separate long/short factors, negative while short",
            inputs: InputField.hl,
            parameters: [
                .real("startvalue", default: 0, range: -3e37...3e37, "initial SAR: 0 lets TA-Lib choose, > 0 starts long at it, < 0 short at its magnitude"),
                .real("offsetonreverse", default: 0, range: 0...3e37, "fraction added to (short) or removed from (long) the SAR on a reversal"),
                .real("accelerationinitlong", default: 0.02, range: 0...3e37, "initial acceleration factor, long"),
                .real("accelerationlong", default: 0.02, range: 0...3e37, "acceleration step, long"),
                .real("accelerationmaxlong", default: 0.2, range: 0...3e37, "largest acceleration factor, long"),
                .real("accelerationinitshort", default: 0.02, range: 0...3e37, "initial acceleration factor, short"),
                .real("accelerationshort", default: 0.02, range: 0...3e37, "acceleration step, short"),
                .real("accelerationmaxshort", default: 0.2, range: 0...3e37, "largest acceleration factor, short"),
            ],
            outputs: ["real"], writesEveryOutput: true,
            lookback: { _ in ParabolicSAR.lookback },
            batch: { inputs, p, outputs in ParabolicSAR.batch(high: inputs[0], low: inputs[1], sarExtSettings(p), outputs[0]) },
            stream: { ParabolicSAR.Stream(sarExtSettings($0)) }
        ),
    ]
}

/// SAR's two parameters as the general SAR settings: one factor for both directions.
private func sarSettings(_ p: FeatureParameters) -> ParabolicSAR.Settings {
    let acceleration = p.double("acceleration"), maximum = p.double("maximum")
    return ParabolicSAR.Settings(initLong: acceleration, stepLong: acceleration, maxLong: maximum,
                                 initShort: acceleration, stepShort: acceleration, maxShort: maximum)
}

private func sarExtSettings(_ p: FeatureParameters) -> ParabolicSAR.Settings {
    ParabolicSAR.Settings(
        startValue: p.double("startvalue"), offsetOnReverse: p.double("offsetonreverse"),
        initLong: p.double("accelerationinitlong"), stepLong: p.double("accelerationlong"), maxLong: p.double("accelerationmaxlong"),
        initShort: p.double("accelerationinitshort"), stepShort: p.double("accelerationshort"), maxShort: p.double("accelerationmaxshort"),
        signedOutput: true)
}

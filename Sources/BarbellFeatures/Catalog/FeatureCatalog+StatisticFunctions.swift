extension FeatureCatalog {
    /// TA-Lib's Statistic Functions.
    static let statisticFunctions: [FeatureDescriptor] = [
        FeatureDescriptor(
            name: "BETA", group: .statistic, summary: "Beta: slope of real1's returns regressed on real0's",
            inputs: [.high, .low], parameters: [.timePeriod(default: 5, min: 1)], outputs: ["real"],
            writesEveryOutput: true, streamingCost: "O(1) amortised (an O(timeperiod) re-anchoring every 32·timeperiod bars or when precision demands)",
            lookback: { BETA.lookback($0.int("timeperiod")) },
            batch: { inputs, p, outputs in BETA.batch(inputs[0], inputs[1], period: p.int("timeperiod"), outputs[0]) },
            stream: { BETA.Stream(period: $0.int("timeperiod")) }
        ),
        FeatureDescriptor(
            name: "CORREL", group: .statistic, summary: "Pearson's correlation coefficient of real0 and real1",
            inputs: [.high, .low], parameters: [.timePeriod(default: 30, min: 1)], outputs: ["real"], writesEveryOutput: true,
            lookback: { CORREL.lookback($0.int("timeperiod")) },
            batch: { inputs, p, outputs in CORREL.batch(inputs[0], inputs[1], period: p.int("timeperiod"), outputs[0]) },
            stream: { CORREL.Stream(period: $0.int("timeperiod")) }
        ),
        linearRegression("LINEARREG", .value, "Linear regression: the fitted line's value at the newest bar"),
        linearRegression("LINEARREG_ANGLE", .angle, "Linear regression angle (degrees)"),
        linearRegression("LINEARREG_INTERCEPT", .intercept, "Linear regression intercept (at the oldest bar of the window)"),
        linearRegression("LINEARREG_SLOPE", .slope, "Linear regression slope"),
        .scalar(
            "STDDEV", group: .statistic, summary: "Standard deviation (population) times nbdev",
            parameters: [.timePeriod(default: 5), nbdev], writesEveryOutput: true,
            lookback: { STDDEV.lookback($0.int("timeperiod")) },
            batch: { x, p, out in STDDEV.batch(x, period: p.int("timeperiod"), nbdev: p.double("nbdev"), out) },
            stream: { STDDEV.Stream(period: $0.int("timeperiod"), nbdev: $0.double("nbdev")) }
        ),
        .scalar(
            "VAR", group: .statistic, summary: "Variance (population); nbdev is ignored, as in TA-Lib",
            parameters: [.timePeriod(default: 5, min: 1), nbdev], writesEveryOutput: true,
            lookback: { VAR.lookback($0.int("timeperiod")) },
            batch: { x, p, out in VAR.batch(x, period: p.int("timeperiod"), out) },
            stream: { VAR.Stream(period: $0.int("timeperiod")) }
        ),
        linearRegression("TSF", .forecast, "Time series forecast: the fitted line extended one bar ahead"),
    ]

    /// TA-Lib's `nbdev` (`TA_REAL_MIN...TA_REAL_MAX`).
    private static let nbdev = ParameterDescriptor.real("nbdev", default: 1, range: -3e37...3e37, "number of deviations")

    private static func linearRegression(_ name: String, _ output: LinearRegression.Output, _ summary: String) -> FeatureDescriptor {
        .scalar(
            name, group: .statistic, summary: summary,
            parameters: [.timePeriod(default: 14)],
            writesEveryOutput: true, streamingCost: "O(1) amortised (an O(timeperiod) refit every 32·timeperiod bars or when a leaving value dominates)",
            lookback: { LinearRegression.lookback($0.int("timeperiod")) },
            batch: { x, p, out in LinearRegression.batch(x, period: p.int("timeperiod"), output: output, out) },
            stream: { LinearRegression.Stream(period: $0.int("timeperiod"), output: output) }
        )
    }
}

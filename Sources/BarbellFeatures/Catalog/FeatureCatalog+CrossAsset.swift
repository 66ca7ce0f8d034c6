extension ParameterDescriptor {
    /// The rolling window of Barbell's own cross-asset and microstructure features, in bars.
    static func rollingWindow(default value: Int, min: Int = 2, _ summary: String = "number of bars (or returns) in the rolling window") -> Self {
        .integer("window", default: value, range: min...100_000, summary)
    }
}

extension FeatureCatalog {
    /// Barbell's cross-asset features: an asset's close against an aligned benchmark close
    /// (`InputField.benchmark`). See ``BenchmarkReturnStatistics`` and ``RelativeStrength`` for
    /// the definitions.
    static let crossAsset: [FeatureDescriptor] = [
        benchmarkStatistic("RET_CORR", .correlation, "Rolling correlation of the asset's returns with the benchmark's", output: "correlation"),
        benchmarkStatistic("RET_BETA", .beta, "Rolling beta of the asset's returns on the benchmark's (OLS slope)", output: "beta"),
        benchmarkStatistic("RESID_VOL", .residualVolatility, "Rolling idiosyncratic volatility: standard error of the returns regressed on the benchmark's", output: "residvol"),
        benchmarkStatistic("TRACKING_ERROR", .trackingError, "Rolling tracking error: standard deviation of the asset's minus the benchmark's returns", output: "trackingerror"),
        FeatureDescriptor(
            name: "REL_STRENGTH", group: .crossAsset,
            summary: "Relative strength: the asset's growth over the window divided by the benchmark's, minus 1",
            inputs: [.close, .benchmark], parameters: [.rollingWindow(default: 60, min: 1)], outputs: ["relstrength"],
            lookback: { RelativeStrength.lookback(window: $0.int("window")) },
            batch: { inputs, p, outputs in
                RelativeStrength.batch(asset: inputs[0], benchmark: inputs[1], window: p.int("window"), outputs[0])
            },
            stream: { RelativeStrength.Stream(window: $0.int("window")) }
        ),
    ]

    private static func benchmarkStatistic(
        _ name: String, _ statistic: BenchmarkReturnStatistics.Statistic, _ summary: String, output: String
    ) -> FeatureDescriptor {
        FeatureDescriptor(
            name: name, group: .crossAsset, summary: summary,
            inputs: [.close, .benchmark], parameters: [.rollingWindow(default: 60)], outputs: [output],
            lookback: { BenchmarkReturnStatistics.lookback(window: $0.int("window")) },
            batch: { inputs, p, outputs in
                BenchmarkReturnStatistics.batch(asset: inputs[0], benchmark: inputs[1], window: p.int("window"),
                                                statistic: statistic, outputs[0])
            },
            stream: { BenchmarkReturnStatistics.Stream(window: $0.int("window"), statistic: statistic) }
        )
    }
}

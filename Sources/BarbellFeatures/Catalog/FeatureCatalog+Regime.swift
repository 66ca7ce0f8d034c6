extension FeatureCatalog {
    /// Regime descriptors: trend strength of the log close, where current volatility sits in its
    /// history, persistence of return signs and the EWMA correlation with the benchmark.
    static let regime: [FeatureDescriptor] = {
        typealias R = RollingStat
        return [
            .rollingStat(
                "TREND_TSTAT", group: .regime, summary: "t-statistic of the slope of log close on time (trend strength)",
                parameters: [.statWindow(20, min: 3, "number of closes in the regression")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.LogLevel(), rows: $0.int("window"), R.TrendTStatistic()) }
            ),
            .rollingStat(
                "TREND_R2", group: .regime, summary: "R-squared of log close on time, signed by the slope",
                parameters: [.statWindow(20, min: 3, "number of closes in the regression")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.LogLevel(), rows: $0.int("window"), R.TrendR2()) }
            ),
            .rollingStat(
                "VOL_PERCENTILE", group: .regime, summary: "Percentile rank of the rolling std of log returns within a longer lookback",
                parameters: [.statWindow(20, "returns in each rolling standard deviation"),
                             .integer("rankwindow", default: 252, range: 1...100_000, "volatility values the current one is ranked among")],
                streamingCost: "O(rankwindow)", lookback: { $0.int("window") + $0.int("rankwindow") - 1 },
                make: { p in
                    R.Chain(
                        first: R.MomentFeature(R.LogReturn(powers: 2), rows: p.int("window"), R.StandardDeviation()),
                        second: R.WindowFeature(R.Level(), rows: p.int("rankwindow"), R.PercentRank())
                    )
                }
            ),
            .rollingStat(
                "SIGN_PERSISTENCE", group: .regime, summary: "Lag-1 autocorrelation of the signs of log returns (momentum persistence)",
                parameters: [.statWindow(20, min: 3)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.ReturnSign(), rows: $0.int("window"), R.Autocorrelation(lag: 1)) }
            ),
            .rollingStat(
                "EWMA_CORR", group: .regime, summary: "EWMA correlation of log returns with the benchmark's (RiskMetrics decay)",
                inputs: [.close, .benchmark],
                parameters: [.real("decay", default: 0.94, range: 0.5...0.9999, "weight decay per bar λ (alpha = 1 − λ)"),
                             .integer("minperiods", default: 20, range: 2...100_000, "joint return observations before the first value")],
                streamingCost: "O(1)", lookback: { $0.int("minperiods") },
                make: { R.EWMACorrelation(decay: $0.double("decay"), minimum: $0.int("minperiods")) }
            ),
        ]
    }()
}

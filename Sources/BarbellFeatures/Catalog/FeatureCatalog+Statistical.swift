extension FeatureCatalog {
    /// Barbell's rolling statistics of log returns `ln(C_t / C_{t−1})` of the close (price
    /// level for ZSCORE and MAX_DRAWDOWN). A return window of `window` needs `window + 1` closes,
    /// so those features' lookback is `window`. NaN inside the window makes the output NaN until
    /// it leaves.
    static let statistical: [FeatureDescriptor] = {
        typealias R = RollingStat
        return [
            .rollingStat(
                "ROLLING_MEAN", group: .statistical, summary: "Rolling mean of log returns",
                parameters: [.statWindow(20)], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.LogReturn(powers: 1), rows: $0.int("window"), R.Mean()) }
            ),
            .rollingStat(
                "ROLLING_STD", group: .statistical, summary: "Rolling sample standard deviation (ddof=1) of log returns",
                parameters: [.statWindow(20)], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.LogReturn(powers: 2), rows: $0.int("window"), R.StandardDeviation()) }
            ),
            .rollingStat(
                "ROLLING_SKEW", group: .statistical, summary: "Rolling skewness of log returns (pandas' unbiased G1)",
                parameters: [.statWindow(20, min: 3)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.Skewness()) }
            ),
            .rollingStat(
                "ROLLING_KURT", group: .statistical, summary: "Rolling excess kurtosis of log returns (pandas' unbiased G2)",
                parameters: [.statWindow(20, min: 4)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.Kurtosis()) }
            ),
            .rollingStat(
                "ROLLING_QUANTILE", group: .statistical, summary: "Rolling q-quantile of log returns (linear interpolation)",
                parameters: [.statWindow(20, min: 1), .real("q", default: 0.5, range: 0...1, "quantile level")],
                streamingCost: "O(log window) comparisons + O(window) shift", lookback: { $0.int("window") },
                make: { R.SortedWindowFeature(R.LogReturn(), rows: $0.int("window"), R.Quantile(q: $0.double("q"))) }
            ),
            .rollingStat(
                "ZSCORE", group: .statistical, summary: "Z-score of the close against its rolling mean and sample std",
                parameters: [.statWindow(20, "number of closes in the rolling window")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.Level(), rows: $0.int("window"), R.ZScore()) }
            ),
            .rollingStat(
                "AUTOCORR", group: .statistical, summary: "Rolling autocorrelation of log returns at a lag (pandas' Series.autocorr)",
                parameters: [.statWindow(60, min: 3), .integer("lag", default: 1, range: 1...10_000, "lag in bars; NaN unless window − lag ≥ 2")],
                streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.Autocorrelation(lag: $0.int("lag"))) }
            ),
            .rollingStat(
                "HURST_RS", group: .statistical, summary: "Hurst exponent of log returns by rescaled-range analysis",
                parameters: [.statWindow(128, min: 32)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { p in
                    let rows = p.int("window")
                    return R.WindowFeature(R.LogReturn(), rows: rows, R.HurstRS(rows: rows))
                }
            ),
            .rollingStat(
                "HURST_DFA", group: .statistical, summary: "Hurst exponent of log returns by detrended fluctuation analysis (DFA-1)",
                parameters: [.statWindow(128, min: 32)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { p in
                    let rows = p.int("window")
                    return R.WindowFeature(R.LogReturn(), rows: rows, R.HurstDFA(rows: rows))
                }
            ),
            .rollingStat(
                "VARIANCE_RATIO", group: .statistical, summary: "Lo-MacKinlay variance ratio VR(lag) of log returns",
                parameters: [.statWindow(100, min: 4), .integer("lag", default: 5, range: 2...10_000, "aggregation horizon q; NaN unless 2·lag ≤ window")],
                streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.VarianceRatio(lag: $0.int("lag"))) }
            ),
            .rollingStat(
                "ENTROPY", group: .statistical, summary: "Shannon entropy (nats) of log returns in equal-width bins",
                parameters: [.statWindow(50), .integer("bins", default: 10, range: 2...10_000, "number of equal-width bins between the window's min and max")],
                streamingCost: "O(window + bins)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.BinnedEntropy(bins: $0.int("bins"))) }
            ),
            .rollingStat(
                "MAX_DRAWDOWN", group: .statistical, summary: "Maximum drawdown of the close within the window (positive fraction)",
                parameters: [.statWindow(252, "number of closes in the rolling window")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.Level(), rows: $0.int("window"), R.MaxDrawdown()) }
            ),
            .rollingStat(
                "ROLLING_SHARPE", group: .statistical, summary: "Annualised rolling Sharpe ratio of log returns (zero risk-free rate)",
                parameters: [.statWindow(60), .statAnnualization], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.LogReturn(powers: 2), rows: $0.int("window"), R.SharpeRatio(annualization: $0.double("annualization"))) }
            ),
        ]
    }()
}

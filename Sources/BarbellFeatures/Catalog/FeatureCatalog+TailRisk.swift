extension FeatureCatalog {
    /// Tail-risk and antifragility measures over rolling windows of log returns of the close
    /// (prices for the drawdown features; the benchmark close too for CONVEXITY). Losses are
    /// reported as positive numbers.
    static let tailRisk: [FeatureDescriptor] = {
        typealias R = RollingStat
        return [
            .rollingStat(
                "VAR_HIST", group: .tailRisk, summary: "Historical value at risk of log returns (positive loss)",
                parameters: [.statWindow(250, min: 1), .statConfidence], streamingCost: "O(log window) comparisons + O(window) shift", lookback: { $0.int("window") },
                make: { R.SortedWindowFeature(R.LogReturn(), rows: $0.int("window"), R.HistoricalVaR(confidence: $0.double("confidence"))) }
            ),
            .rollingStat(
                "CVAR_HIST", group: .tailRisk, summary: "Historical conditional VaR (expected shortfall) of log returns",
                parameters: [.statWindow(250, min: 1), .statConfidence], streamingCost: "O(log window) comparisons + O(window) shift", lookback: { $0.int("window") },
                make: { R.SortedWindowFeature(R.LogReturn(), rows: $0.int("window"), R.HistoricalCVaR(confidence: $0.double("confidence"))) }
            ),
            .rollingStat(
                "HILL_TAIL", group: .tailRisk, summary: "Hill tail index of the left tail of log returns",
                parameters: [.statWindow(250, min: 3), .integer("k", default: 25, range: 1...100_000, "order statistics used; NaN unless k < window")],
                streamingCost: "O(log window) comparisons + O(window) shift", lookback: { $0.int("window") },
                make: { R.SortedWindowFeature(R.LogReturn(), rows: $0.int("window"), R.HillTailIndex(k: $0.int("k"))) }
            ),
            .rollingStat(
                "TAIL_RATIO", group: .tailRisk, summary: "Right-tail over left-tail quantile magnitude of log returns",
                parameters: [.statWindow(250, min: 2), .statConfidence], streamingCost: "O(log window) comparisons + O(window) shift", lookback: { $0.int("window") },
                make: { R.SortedWindowFeature(R.LogReturn(), rows: $0.int("window"), R.TailRatio(confidence: $0.double("confidence"))) }
            ),
            .rollingStat(
                "DOWNSIDE_DEV", group: .tailRisk, summary: "Annualised downside deviation of log returns below 0 (Sortino)",
                parameters: [.statWindow(20, min: 1), .statAnnualization], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.SemiSquare(upside: false), rows: $0.int("window"), R.RootMeanTerm(factor: 1, annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "UPSIDE_DEV", group: .tailRisk, summary: "Annualised upside deviation of log returns above 0",
                parameters: [.statWindow(20, min: 1), .statAnnualization], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.SemiSquare(upside: true), rows: $0.int("window"), R.RootMeanTerm(factor: 1, annualization: $0.double("annualization"))) }
            ),
            .rollingStat(
                "OMEGA_RATIO", group: .tailRisk, summary: "Omega ratio of log returns at threshold 0: summed gains over summed losses",
                parameters: [.statWindow(60, min: 1)], streamingCost: "O(1)", lookback: { $0.int("window") },
                make: { R.MomentFeature(R.GainLoss(), rows: $0.int("window"), R.OmegaRatio()) }
            ),
            .rollingStat(
                "JUMP_SHARE", group: .tailRisk, summary: "Share of realized variance from jumps: max(0, (RV - BV) / RV)",
                parameters: [.statWindow(20, min: 2)], streamingCost: "O(window)", lookback: { $0.int("window") },
                make: { R.WindowFeature(R.LogReturn(), rows: $0.int("window"), R.JumpShare()) }
            ),
            .rollingStat(
                "VOL_OF_VOL", group: .tailRisk, summary: "Volatility of volatility: coefficient of variation of the rolling std of log returns",
                parameters: [.statWindow(20, "number of volatility values in the outer window"),
                             .integer("volwindow", default: 20, range: 2...100_000, "returns in each rolling standard deviation")],
                streamingCost: "O(window)", lookback: { $0.int("volwindow") + $0.int("window") - 1 },
                make: { p in
                    R.Chain(
                        first: R.MomentFeature(R.LogReturn(powers: 2), rows: p.int("volwindow"), R.StandardDeviation()),
                        second: R.WindowFeature(R.Level(), rows: p.int("window"), R.CoefficientOfVariation())
                    )
                }
            ),
            .rollingStat(
                "CONVEXITY", group: .tailRisk, summary: "Treynor-Mazuy convexity: gamma of returns on benchmark returns and their square",
                inputs: [.close, .benchmark], parameters: [.statWindow(60, min: 4)], streamingCost: "O(window)",
                lookback: { $0.int("window") },
                make: { R.WindowFeature(R.ReturnPair(), rows: $0.int("window"), R.Convexity()) }
            ),
            .rollingStat(
                "DRAWDOWN_SPEED", group: .tailRisk, summary: "Depth of the window's maximum drawdown per bar from peak to trough",
                parameters: [.statWindow(252, "number of closes in the rolling window")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.Level(), rows: $0.int("window"), R.DrawdownSpeed()) }
            ),
            .rollingStat(
                "RECOVERY_TIME", group: .tailRisk, summary: "Bars from the trough of the window's maximum drawdown to regaining its peak",
                parameters: [.statWindow(252, "number of closes in the rolling window")], streamingCost: "O(window)",
                lookback: { $0.int("window") - 1 },
                make: { R.WindowFeature(R.Level(), rows: $0.int("window"), R.RecoveryTime()) }
            ),
        ]
    }()
}

extension FeatureCatalog {
    /// TA-Lib momentum indicators built on moving averages (APO, PPO, MACD family, STOCH family, TRIX).
    static let momentumMA: [FeatureDescriptor] = [
        priceOscillator("APO", .absolute, summary: "Absolute price oscillator: fast MA minus slow MA"),
        priceOscillator("PPO", .percentage, summary: "Percentage price oscillator: (fast MA - slow MA) / slow MA * 100"),
        FeatureDescriptor(
            name: "MACD", group: .momentum,
            summary: "Moving average convergence/divergence: fast EMA - slow EMA, its signal EMA and histogram",
            inputs: [.close],
            parameters: [
                .integer("fastperiod", default: 12, range: 2...100_000, "bars of the fast EMA"),
                .integer("slowperiod", default: 26, range: 2...100_000, "bars of the slow EMA"),
                .integer("signalperiod", default: 9, range: 1...100_000, "bars of the signal EMA"),
            ],
            outputs: ["macd", "macdsignal", "macdhist"], writesEveryOutput: true,
            lookback: { macdConfiguration($0).lookback },
            batch: { inputs, p, out in
                MACD.batch(inputs[0], macdConfiguration(p), macd: out[0], signal: out[1], histogram: out[2])
            },
            stream: { MACD.Stream(macdConfiguration($0)) }
        ),
        FeatureDescriptor(
            name: "MACDEXT", group: .momentum,
            summary: "MACD with a selectable average type for the fast, slow and signal lines",
            inputs: [.close],
            parameters: [
                .integer("fastperiod", default: 12, range: 2...100_000, "bars of the fast average"),
                .maType("fastmatype"),
                .integer("slowperiod", default: 26, range: 2...100_000, "bars of the slow average"),
                .maType("slowmatype"),
                .integer("signalperiod", default: 9, range: 1...100_000, "bars of the signal average"),
                .maType("signalmatype"),
            ],
            outputs: ["macd", "macdsignal", "macdhist"],
            lookback: { macdextConfiguration($0).lookback },
            batch: { inputs, p, out in
                MACDEXT.batch(inputs[0], macdextConfiguration(p), macd: out[0], signal: out[1], histogram: out[2])
            },
            stream: { MACDEXT.Stream(macdextConfiguration($0)) }
        ),
        FeatureDescriptor(
            name: "MACDFIX", group: .momentum,
            summary: "MACD 12/26 with TA-Lib's fixed smoothing constants 0.15 and 0.075",
            inputs: [.close],
            parameters: [.integer("signalperiod", default: 9, range: 1...100_000, "bars of the signal EMA")],
            outputs: ["macd", "macdsignal", "macdhist"], writesEveryOutput: true,
            lookback: { MACD.Configuration.fixed(signal: $0.int("signalperiod")).lookback },
            batch: { inputs, p, out in
                MACD.batch(inputs[0], .fixed(signal: p.int("signalperiod")), macd: out[0], signal: out[1], histogram: out[2])
            },
            stream: { MACD.Stream(.fixed(signal: $0.int("signalperiod"))) }
        ),
        FeatureDescriptor(
            name: "STOCH", group: .momentum,
            summary: "Slow stochastic: smoothed %K and its average %D",
            inputs: InputField.hlc,
            parameters: [
                .integer("fastk_period", default: 5, range: 1...100_000, "bars of the high-low range of the raw %K"),
                .integer("slowk_period", default: 3, range: 1...100_000, "bars of the average smoothing %K"),
                .maType("slowk_matype"),
                .integer("slowd_period", default: 3, range: 1...100_000, "bars of the average giving %D"),
                .maType("slowd_matype"),
            ],
            outputs: ["slowk", "slowd"],
            streamingCost: "O(fastk_period) when an extreme leaves the window, else O(1)",
            lookback: { p in
                STOCH.lookback(fastK: p.int("fastk_period"), slowK: p.int("slowk_period"), slowKType: p.maType("slowk_matype"),
                               slowD: p.int("slowd_period"), slowDType: p.maType("slowd_matype"))
            },
            batch: { inputs, p, out in
                STOCH.batch(high: inputs[0], low: inputs[1], close: inputs[2],
                            fastK: p.int("fastk_period"), slowK: p.int("slowk_period"), slowKType: p.maType("slowk_matype"),
                            slowD: p.int("slowd_period"), slowDType: p.maType("slowd_matype"),
                            slowKOut: out[0], slowDOut: out[1])
            },
            stream: { p in
                STOCH.Stream(fastK: p.int("fastk_period"), slowK: p.int("slowk_period"), slowKType: p.maType("slowk_matype"),
                             slowD: p.int("slowd_period"), slowDType: p.maType("slowd_matype"))
            }
        ),
        FeatureDescriptor(
            name: "STOCHF", group: .momentum,
            summary: "Fast stochastic: raw %K and its average %D",
            inputs: InputField.hlc,
            parameters: [
                .integer("fastk_period", default: 5, range: 1...100_000, "bars of the high-low range of %K"),
                .integer("fastd_period", default: 3, range: 1...100_000, "bars of the average giving %D"),
                .maType("fastd_matype"),
            ],
            outputs: ["fastk", "fastd"],
            streamingCost: "O(fastk_period) when an extreme leaves the window, else O(1)",
            lookback: { p in
                STOCHF.lookback(fastK: p.int("fastk_period"), fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype"))
            },
            batch: { inputs, p, out in
                STOCHF.batch(high: inputs[0], low: inputs[1], close: inputs[2],
                             fastK: p.int("fastk_period"), fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype"),
                             fastKOut: out[0], fastDOut: out[1])
            },
            stream: { p in
                STOCHF.Stream(fastK: p.int("fastk_period"), fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype"))
            }
        ),
        FeatureDescriptor(
            name: "STOCHRSI", group: .momentum,
            summary: "Stochastic RSI: the fast stochastic of Wilder's RSI",
            inputs: [.close],
            parameters: [
                .timePeriod(default: 14, "bars of the RSI"),
                .integer("fastk_period", default: 5, range: 1...100_000, "RSI values in the range of %K"),
                .integer("fastd_period", default: 3, range: 1...100_000, "bars of the average giving %D"),
                .maType("fastd_matype"),
            ],
            outputs: ["fastk", "fastd"],
            streamingCost: "O(fastk_period) when an extreme leaves the window, else O(1)",
            lookback: { p in
                STOCHRSI.lookback(period: p.int("timeperiod"), fastK: p.int("fastk_period"), fastD: p.int("fastd_period"),
                                  fastDType: p.maType("fastd_matype"))
            },
            batch: { inputs, p, out in
                STOCHRSI.batch(inputs[0], period: p.int("timeperiod"), fastK: p.int("fastk_period"),
                               fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype"),
                               fastKOut: out[0], fastDOut: out[1])
            },
            stream: { p in
                STOCHRSI.Stream(period: p.int("timeperiod"), fastK: p.int("fastk_period"), fastD: p.int("fastd_period"),
                                fastDType: p.maType("fastd_matype"))
            }
        ),
        .scalar(
            "TRIX", group: .momentum, summary: "One-bar rate of change (%) of a triple EMA",
            parameters: [.timePeriod(default: 30, min: 1)], writesEveryOutput: true,
            lookback: { TRIX.lookback($0.int("timeperiod")) },
            batch: { x, p, out in TRIX.batch(x, period: p.int("timeperiod"), out) },
            stream: { TRIX.Stream(period: $0.int("timeperiod")) }
        ),
    ]

    private static func priceOscillator(_ name: String, _ kind: PriceOscillator.Kind, summary: String) -> FeatureDescriptor {
        .scalar(
            name, group: .momentum, summary: summary,
            parameters: [
                .integer("fastperiod", default: 12, range: 2...100_000, "bars of the fast average"),
                .integer("slowperiod", default: 26, range: 2...100_000, "bars of the slow average"),
                // TA-Lib 0.8 defaults APO and PPO to an EMA (older releases used an SMA).
                .maType(default: .ema),
            ],
            writesEveryOutput: true,
            lookback: { p in
                PriceOscillator.lookback(fast: p.int("fastperiod"), slow: p.int("slowperiod"), type: p.maType())
            },
            batch: { x, p, out in
                PriceOscillator.batch(kind, x, fast: p.int("fastperiod"), slow: p.int("slowperiod"), type: p.maType(), out)
            },
            stream: { p in
                PriceOscillator.Stream(kind, fast: p.int("fastperiod"), slow: p.int("slowperiod"), type: p.maType())
            }
        )
    }

    private static func macdConfiguration(_ p: FeatureParameters) -> MACD.Configuration {
        MACD.Configuration(fast: p.int("fastperiod"), slow: p.int("slowperiod"), signal: p.int("signalperiod"))
    }

    private static func macdextConfiguration(_ p: FeatureParameters) -> MACDEXT.Configuration {
        MACDEXT.Configuration(
            fast: p.int("fastperiod"), fastType: p.maType("fastmatype"),
            slow: p.int("slowperiod"), slowType: p.maType("slowmatype"),
            signal: p.int("signalperiod"), signalType: p.maType("signalmatype"))
    }
}

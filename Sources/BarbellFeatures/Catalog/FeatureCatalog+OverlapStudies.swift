extension FeatureCatalog {
    /// TA-Lib's Overlap Studies.
    static let overlapStudies: [FeatureDescriptor] = [
        .scalar(
            "SMA", group: .overlapStudies, summary: "Simple moving average",
            parameters: [.timePeriod(default: 30)],
            lookback: { SMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in SMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { SMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "EMA", group: .overlapStudies, summary: "Exponential moving average, seeded with the SMA of the first period",
            parameters: [.timePeriod(default: 30)],
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
            parameters: [.timePeriod(default: 30)],
            lookback: { WMA.lookback($0.int("timeperiod")) },
            batch: { x, p, out in WMA.batch(x, period: p.int("timeperiod"), out) },
            stream: { WMA.Stream(period: $0.int("timeperiod")) }
        ),
        .scalar(
            "MA", group: .overlapStudies, summary: "Moving average of any TA-Lib type (matype)",
            parameters: [.timePeriod(default: 30, min: 1), .maType()],
            lookback: { MovingAverage.lookback($0.maType(), period: $0.int("timeperiod")) },
            batch: { x, p, out in MovingAverage.batch(p.maType(), period: p.int("timeperiod"), x, out) },
            stream: { MovingAverage.stream($0.maType(), period: $0.int("timeperiod")) }
        ),
    ]
}

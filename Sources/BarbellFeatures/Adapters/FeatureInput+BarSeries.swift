import BarbellData

extension FeatureInput {
    /// The OHLCV columns of `series`, plus its VWAP column when it has one.
    public init(_ series: BarSeries) {
        self.init(count: series.count)
        // Lengths agree by construction of BarSeries, so these cannot fail.
        try! set(.open, series.open)
        try! set(.high, series.high)
        try! set(.low, series.low)
        try! set(.close, series.close)
        try! set(.volume, series.volume)
        if let vwap = series.vwap { try! set(.vwap, vwap) }
    }
}

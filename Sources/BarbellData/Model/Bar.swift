/// One OHLCV bar. Row-oriented convenience view; bulk data lives in ``BarSeries``.
public struct Bar: Hashable, Sendable, Codable {
    /// Start (open time) of the bar, UTC.
    public var timestamp: Timestamp
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Traded quantity in base units; NaN when the source does not record volume.
    public var volume: Double
    /// Volume-weighted average price, when known.
    public var vwap: Double?
    /// Number of trades in the bar, when known.
    public var tradeCount: Int64?

    public init(timestamp: Timestamp, open: Double, high: Double, low: Double, close: Double,
                volume: Double, vwap: Double? = nil, tradeCount: Int64? = nil) {
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.vwap = vwap
        self.tradeCount = tradeCount
    }
}

import BarbellData

/// One series as listed by ``MarketDataStore/listSeries()``.
public struct StoredSeries: Sendable, Hashable, CustomStringConvertible {
    public var symbol: Symbol
    public var timeframe: Timeframe
    /// Adjustments the stored prices carry; every import into the series must match it.
    public var adjustment: PriceAdjustment
    /// Number of stored bars.
    public var count: Int
    /// Timestamp of the first stored bar.
    public var first: Timestamp
    /// Timestamp of the last stored bar.
    public var last: Timestamp
    /// Whether the series has stored vwap values (so ``MarketDataStore/bars(symbol:timeframe:from:to:)``
    /// returns the column).
    public var hasVWAP: Bool
    /// Whether the series has stored trade counts.
    public var hasTradeCount: Bool

    public init(symbol: Symbol, timeframe: Timeframe, adjustment: PriceAdjustment, count: Int,
                first: Timestamp, last: Timestamp, hasVWAP: Bool = false, hasTradeCount: Bool = false) {
        self.symbol = symbol
        self.timeframe = timeframe
        self.adjustment = adjustment
        self.count = count
        self.first = first
        self.last = last
        self.hasVWAP = hasVWAP
        self.hasTradeCount = hasTradeCount
    }

    /// `AAPL 1d raw: 2520 bars 2014-01-02 … 2023-12-29`.
    public var description: String {
        "\(symbol) \(timeframe) \(adjustment): \(count) bars \(first.display) … \(last.display)"
    }
}

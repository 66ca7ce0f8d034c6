import BarbellData

extension BarSeries {
    /// Whether any bar has a vwap; a column of only NaN stores nothing and is not recorded.
    var hasStoredVWAP: Bool {
        guard let vwap else { return false }
        return vwap.contains(where: { !$0.isNaN })
    }

    /// Whether any bar has a trade count (missing counts are negative).
    var hasStoredTradeCount: Bool {
        guard let tradeCount else { return false }
        return tradeCount.contains(where: { $0 >= 0 })
    }
}

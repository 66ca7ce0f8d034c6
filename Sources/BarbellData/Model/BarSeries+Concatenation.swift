extension BarSeries {
    /// Appends `other`'s bars after this series' own, column by column.
    ///
    /// The caller keeps the order (every timestamp of `other` after this series' last).
    /// Optional columns present on one side only are filled with NaN (vwap) or -1 (trade
    /// count) for the bars of the other side, as ``append(_:)`` does.
    public mutating func append(contentsOf other: BarSeries) {
        let n = count
        timestamps.append(contentsOf: other.timestamps)
        open.append(contentsOf: other.open)
        high.append(contentsOf: other.high)
        low.append(contentsOf: other.low)
        close.append(contentsOf: other.close)
        volume.append(contentsOf: other.volume)
        if vwap != nil || other.vwap != nil {
            var column = vwap ?? [Double](repeating: .nan, count: n)
            column.append(contentsOf: other.vwap ?? [Double](repeating: .nan, count: other.count))
            vwap = column
        }
        if tradeCount != nil || other.tradeCount != nil {
            var column = tradeCount ?? [Int64](repeating: -1, count: n)
            column.append(contentsOf: other.tradeCount ?? [Int64](repeating: -1, count: other.count))
            tradeCount = column
        }
    }
}

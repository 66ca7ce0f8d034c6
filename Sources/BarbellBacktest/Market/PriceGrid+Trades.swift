import BarbellData

extension PriceGrid {
    /// Replays trades instead of bars: each distinct trade time of a symbol becomes a bar whose
    /// open, high, low and close are its first, highest, lowest and last trade price there and
    /// whose volume is their total size; symbols are aligned on the union of their trade times.
    /// An order decided at one trade then fills at the symbol's next trade.
    ///
    /// - Throws: ``BacktestError`` when a series is empty, out of time order, or has a price that
    ///   is not finite and positive or a size below zero (naming the symbol and trade).
    public init(trades: [TradeSeries]) throws(BacktestError) {
        var series: [BarSeries] = []
        for t in trades {
            guard t.count > 0 else { throw BacktestError(.insufficientData, "price grid: \(t.symbol.name) has no trades") }
            var bars = BarSeries(symbol: t.symbol)
            var i = 0
            while i < t.count {
                if i > 0, t.timestamps[i] < t.timestamps[i - 1] {
                    throw BacktestError(.malformedInput, "price grid: \(t.symbol.name) trade \(i) at \(t.timestamps[i]) is before trade \(i - 1); trades must be in time order")
                }
                var j = i
                var high = -Double.infinity, low = Double.infinity, volume = 0.0
                while j < t.count && t.timestamps[j] == t.timestamps[i] {
                    let p = t.prices[j], q = t.sizes[j]
                    guard p.isFinite, p > 0, q.isFinite, q >= 0 else {
                        throw BacktestError(.malformedInput, "price grid: \(t.symbol.name) trade \(j) has price \(p) and size \(q); expected a price > 0 and a size ≥ 0")
                    }
                    high = max(high, p)
                    low = min(low, p)
                    volume += q
                    j += 1
                }
                bars.append(Bar(timestamp: t.timestamps[i], open: t.prices[i], high: high, low: low, close: t.prices[j - 1], volume: volume))
                i = j
            }
            series.append(bars)
        }
        try self.init(series: series)
    }
}

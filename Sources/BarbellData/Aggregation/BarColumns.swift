/// Output columns of trade aggregation, filled bar by bar by the batch kernels.
///
/// Holds plain arrays (not a ``BarSeries``) so the hot loops append without touching the
/// optional-column bookkeeping; the series is assembled once at the end.
struct BarColumns {
    var timestamps: [Timestamp] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    var vwap: [Double] = []
    var tradeCount: [Int64] = []

    mutating func reserveCapacity(_ n: Int) {
        timestamps.reserveCapacity(n)
        open.reserveCapacity(n)
        high.reserveCapacity(n)
        low.reserveCapacity(n)
        close.reserveCapacity(n)
        volume.reserveCapacity(n)
        vwap.reserveCapacity(n)
        tradeCount.reserveCapacity(n)
    }

    /// Appends one finished bar; `value` is Σ price·size, so vwap = value / volume
    /// (NaN when the bar's volume is zero: the average is undefined).
    @inline(__always)
    mutating func append(label: Int64, open o: Double, high h: Double, low l: Double, close c: Double,
                         volume v: Double, value: Double, count: Int) {
        timestamps.append(Timestamp(nanoseconds: label))
        open.append(o)
        high.append(h)
        low.append(l)
        close.append(c)
        volume.append(v)
        vwap.append(v > 0 ? value / v : .nan)
        tradeCount.append(Int64(count))
    }

    func series(symbol: Symbol, timeframe: Timeframe?) -> BarSeries {
        var s = BarSeries(symbol: symbol, timeframe: timeframe)
        s.timestamps = timestamps
        s.open = open
        s.high = high
        s.low = low
        s.close = close
        s.volume = volume
        s.vwap = vwap
        s.tradeCount = tradeCount
        return s
    }
}

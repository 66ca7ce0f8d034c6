/// A bar series stored column-wise (struct of arrays) so numeric kernels stream over
/// contiguous `Double` buffers.
///
/// Optional columns (`vwap`, `tradeCount`) are either absent (`nil`) or have one entry per
/// bar; a bar without a value in a present column holds NaN (vwap) or -1 (trade count).
public struct BarSeries: Sendable, Equatable {
    public var symbol: Symbol
    public var timeframe: Timeframe?
    public var timestamps: [Timestamp]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    public var vwap: [Double]?
    public var tradeCount: [Int64]?
    /// Price adjustments already applied; guards against adjusting twice.
    public var adjustment: PriceAdjustment

    public init(symbol: Symbol, timeframe: Timeframe? = nil, adjustment: PriceAdjustment = .none) {
        self.symbol = symbol
        self.timeframe = timeframe
        self.timestamps = []
        self.open = []
        self.high = []
        self.low = []
        self.close = []
        self.volume = []
        self.vwap = nil
        self.tradeCount = nil
        self.adjustment = adjustment
    }

    public init(symbol: Symbol, timeframe: Timeframe?, bars: [Bar], adjustment: PriceAdjustment = .none) {
        self.init(symbol: symbol, timeframe: timeframe, adjustment: adjustment)
        reserveCapacity(bars.count)
        for bar in bars { append(bar) }
    }

    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    public mutating func reserveCapacity(_ n: Int) {
        timestamps.reserveCapacity(n)
        open.reserveCapacity(n)
        high.reserveCapacity(n)
        low.reserveCapacity(n)
        close.reserveCapacity(n)
        volume.reserveCapacity(n)
    }

    /// Appends one bar; optional columns are created on first use and back-filled.
    public mutating func append(_ bar: Bar) {
        let n = count
        timestamps.append(bar.timestamp)
        open.append(bar.open)
        high.append(bar.high)
        low.append(bar.low)
        close.append(bar.close)
        volume.append(bar.volume)
        if let v = bar.vwap {
            if vwap == nil { vwap = Array(repeating: .nan, count: n) }
            vwap!.append(v)
        } else if vwap != nil {
            vwap!.append(.nan)
        }
        if let c = bar.tradeCount {
            if tradeCount == nil { tradeCount = Array(repeating: -1, count: n) }
            tradeCount!.append(c)
        } else if tradeCount != nil {
            tradeCount!.append(-1)
        }
    }

    /// The bar at row `i`.
    public subscript(i: Int) -> Bar {
        let v = vwap.map { $0[i] }
        let c = tradeCount.map { $0[i] }
        return Bar(timestamp: timestamps[i], open: open[i], high: high[i], low: low[i], close: close[i],
                   volume: volume[i], vwap: v.flatMap { $0.isNaN ? nil : $0 }, tradeCount: c.flatMap { $0 < 0 ? nil : $0 })
    }

    /// All bars as row structs (allocates; prefer the columns for numeric work).
    public var bars: [Bar] { (0..<count).map { self[$0] } }

    /// Rows whose timestamp lies in `[from, to)`; nil bounds are open.
    public func slice(from: Timestamp? = nil, to: Timestamp? = nil) -> BarSeries {
        let lo = from.map { f in timestamps.partitioningIndex { $0 >= f } } ?? 0
        let hi = to.map { t in timestamps.partitioningIndex { $0 >= t } } ?? count
        return selecting(rows: lo..<max(lo, hi))
    }

    /// A copy holding only the given rows, in the given order.
    public func selecting<R: Sequence>(rows: R) -> BarSeries where R.Element == Int {
        var out = BarSeries(symbol: symbol, timeframe: timeframe, adjustment: adjustment)
        if vwap != nil { out.vwap = [] }
        if tradeCount != nil { out.tradeCount = [] }
        for i in rows {
            out.timestamps.append(timestamps[i])
            out.open.append(open[i])
            out.high.append(high[i])
            out.low.append(low[i])
            out.close.append(close[i])
            out.volume.append(volume[i])
            if let v = vwap { out.vwap!.append(v[i]) }
            if let c = tradeCount { out.tradeCount!.append(c[i]) }
        }
        return out
    }
}

extension RandomAccessCollection {
    /// Index of the first element for which `predicate` is true, assuming the collection is
    /// partitioned (all false, then all true). Binary search.
    @inlinable
    func partitioningIndex(where predicate: (Element) -> Bool) -> Index {
        var low = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(low, offsetBy: half)
            if predicate(self[mid]) {
                n = half
            } else {
                low = index(after: mid)
                n -= half + 1
            }
        }
        return low
    }
}

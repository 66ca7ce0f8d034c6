extension TradeBars {
    /// Time bars over raw columns. Returns the index of the first out-of-order trade, or -1.
    ///
    /// Each bucket is scanned by an inner loop whose only per-trade work is two comparisons
    /// and the running OHLCV updates; the floor division of ``Timeframe/bucketStart(_:)`` runs
    /// once per bucket, when a trade passes the bucket's last instant. Sortedness needs no
    /// separate check there: a trade past the bucket end is necessarily later than its
    /// predecessor, which lies inside the bucket.
    @inline(__always)
    static func timeBars(_ ts: UnsafeBufferPointer<Timestamp>, _ px: UnsafeBufferPointer<Double>,
                         _ qs: UnsafeBufferPointer<Double>, timeframe: Timeframe,
                         into out: inout BarColumns) -> Int {
        let n = ts.count
        var i = 0
        while i < n {
            let t0 = ts[i].nanoseconds
            let start = timeframe.bucketStart(t0)
            let last = timeframe.bucketLast(startingAt: start)
            let open = px[i]
            let q0 = qs[i]
            var high = open, low = open, volume = q0, value = open * q0
            var previous = t0
            var j = i + 1
            while j < n {
                let t = ts[j].nanoseconds
                if t > last { break }
                if t < previous { return j }
                let p = px[j], q = qs[j]
                if p > high { high = p }
                if p < low { low = p }
                volume += q
                value += p * q
                previous = t
                j += 1
            }
            out.append(label: start, open: open, high: high, low: low, close: px[j - 1],
                       volume: volume, value: value, count: j - i)
            i = j
        }
        return -1
    }
}

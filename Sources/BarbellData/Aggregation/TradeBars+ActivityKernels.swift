extension TradeBars {
    /// Tick bars: consecutive runs of `ticks` trades. Returns the first out-of-order index or -1.
    @inline(__always)
    static func tickBars(_ ts: UnsafeBufferPointer<Timestamp>, _ px: UnsafeBufferPointer<Double>,
                         _ qs: UnsafeBufferPointer<Double>, ticks: Int,
                         into out: inout BarColumns) -> Int {
        let n = ts.count
        var previous = Int64.min
        var i = 0
        while i < n {
            let end = ticks >= n - i ? n : i + ticks
            let t0 = ts[i].nanoseconds
            if t0 < previous { return i }
            let open = px[i]
            let q0 = qs[i]
            var high = open, low = open, volume = q0, value = open * q0
            previous = t0
            var j = i + 1
            while j < end {
                let t = ts[j].nanoseconds
                if t < previous { return j }
                let p = px[j], q = qs[j]
                if p > high { high = p }
                if p < low { low = p }
                volume += q
                value += p * q
                previous = t
                j += 1
            }
            out.append(label: t0, open: open, high: high, low: low, close: px[end - 1],
                       volume: volume, value: value, count: end - i)
            i = end
        }
        return -1
    }

    /// Volume bars (`byValue == false`, measure Σ size) or dollar bars (`byValue == true`,
    /// measure Σ price·size): a bar closes on the trade at which its measure reaches
    /// `threshold`, that trade included. Returns the first out-of-order index or -1.
    ///
    /// The measure is the same running sum that feeds the bar's volume or vwap numerator, so
    /// the closing decision and the reported bar can never disagree.
    @inline(__always)
    static func thresholdBars(_ ts: UnsafeBufferPointer<Timestamp>, _ px: UnsafeBufferPointer<Double>,
                              _ qs: UnsafeBufferPointer<Double>, threshold: Double, byValue: Bool,
                              into out: inout BarColumns) -> Int {
        let n = ts.count
        var previous = Int64.min
        var i = 0
        while i < n {
            let t0 = ts[i].nanoseconds
            if t0 < previous { return i }
            let open = px[i]
            let q0 = qs[i]
            var high = open, low = open, volume = q0, value = open * q0
            previous = t0
            var j = i + 1
            // `!(x >= t)` rather than `x < t`: a NaN measure never closes a bar, as in the streaming path.
            if !((byValue ? value : volume) >= threshold) {
                while j < n {
                    let t = ts[j].nanoseconds
                    if t < previous { return j }
                    let p = px[j], q = qs[j]
                    if p > high { high = p }
                    if p < low { low = p }
                    volume += q
                    value += p * q
                    previous = t
                    j += 1
                    if (byValue ? value : volume) >= threshold { break }
                }
            }
            out.append(label: t0, open: open, high: high, low: low, close: px[j - 1],
                       volume: volume, value: value, count: j - i)
            i = j
        }
        return -1
    }
}

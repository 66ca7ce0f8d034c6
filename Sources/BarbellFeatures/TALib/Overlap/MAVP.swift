/// Moving average with a variable period (`TA_MAVP`): at each bar, the average of type `matype`
/// whose period is that bar's `periods` value (truncated to an integer and clamped to
/// `minperiod...maxperiod`).
///
/// As in TA-Lib, every period's average is its own series: it starts where its lookback ends
/// at the feature's first output (`lookback(maxperiod) − lookback(p)` bars in), so EMA-like
/// averages are seeded identically whatever the mix of periods. The stream therefore runs one
/// average per period in the range: O(maxperiod − minperiod + 1) per bar.
enum MAVP {
    static func lookback(minPeriod: Int, maxPeriod: Int, type: MovingAverageType) -> Int {
        MovingAverage.lookback(type, period: maxPeriod)
    }

    @inline(__always)
    static func clampedPeriod(_ raw: Double, minPeriod: Int, maxPeriod: Int) -> Int {
        // Like C's (int) conversion; a NaN period (possible only after the first bar) takes
        // the minimum, as TA-Lib's conversion to INT_MIN then clamping does.
        let p = raw.isNaN ? Int.min : (abs(raw) < 1e18 ? Int(raw) : (raw > 0 ? Int.max : Int.min))
        return p < minPeriod ? minPeriod : (p > maxPeriod ? maxPeriod : p)
    }

    /// The SMA case in one pass: every period in use keeps its own running sum, stepped exactly
    /// as `SMA.batch` steps it (from the same first bar, add, divide, drop the trailing value),
    /// but only the bar's chosen period is divided out.
    static func smaBatch(_ x: UnsafeBufferPointer<Double>, minPeriod: Int, maxPeriod: Int, lookback: Int, used: [Bool],
                         chosen: UnsafeMutableBufferPointer<Int32>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let xp = x.baseAddress!, o = out.baseAddress!
        let inUse = (minPeriod...maxPeriod).filter { used[$0 - minPeriod] }
        let m = inUse.count
        let totals = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let lengths = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let slotOf = UnsafeMutablePointer<Int>.allocate(capacity: maxPeriod - minPeriod + 1)
        defer {
            totals.deallocate()
            lengths.deallocate()
            slotOf.deallocate()
        }
        for (slot, period) in inUse.enumerated() {
            lengths[slot] = period
            slotOf[period - minPeriod] = slot
            var total = 0.0
            var j = lookback - (period - 1)
            while j < lookback {
                total += xp[j]
                j += 1
            }
            totals[slot] = total
        }
        let ch = chosen.baseAddress!
        for i in lookback..<n {
            let v = xp[i]
            for s in 0..<m { totals[s] += v }
            let slot = slotOf[Int(ch[i]) - minPeriod]
            o[i] = totals[slot] / Double(lengths[slot])
            for s in 0..<m { totals[s] -= xp[i - lengths[s] + 1] }
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, periods: UnsafeBufferPointer<Double>, minPeriod: Int, maxPeriod: Int,
                      type: MovingAverageType, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(minPeriod: minPeriod, maxPeriod: maxPeriod, type: type)
        guard n > lookback, minPeriod <= maxPeriod else { return }
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let chosen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer {
            scratch.deallocate()
            chosen.deallocate()
        }
        var used = [Bool](repeating: false, count: maxPeriod - minPeriod + 1)
        for i in lookback..<n {
            let p = clampedPeriod(periods[i], minPeriod: minPeriod, maxPeriod: maxPeriod)
            chosen[i] = Int32(p)
            used[p - minPeriod] = true
        }
        if type == .sma {
            smaBatch(x, minPeriod: minPeriod, maxPeriod: maxPeriod, lookback: lookback, used: used, chosen: chosen, out)
            return
        }
        for period in minPeriod...maxPeriod where used[period - minPeriod] {
            let start = lookback - MovingAverage.lookback(type, period: period)
            let input = UnsafeBufferPointer(rebasing: x[start...])
            let output = UnsafeMutableBufferPointer(rebasing: scratch[start...])
            MovingAverage.batch(type, period: period, input, output)
            let tag = Int32(period)
            for i in lookback..<n where chosen[i] == tag {
                out[i] = scratch[i]
            }
        }
    }

    struct Stream: FeatureStream {
        let minPeriod: Int
        let maxPeriod: Int
        let lookback: Int
        /// Bar at which each period's average starts, `lookback − lookback(p)`.
        let starts: [Int]
        var averages: [MovingAverage.Stream]
        var seen = 0

        init(minPeriod: Int, maxPeriod: Int, type: MovingAverageType) {
            self.minPeriod = minPeriod
            self.maxPeriod = maxPeriod
            let lookback = MAVP.lookback(minPeriod: minPeriod, maxPeriod: maxPeriod, type: type)
            self.lookback = lookback
            let range = minPeriod <= maxPeriod ? Array(minPeriod...maxPeriod) : []
            self.starts = range.map { lookback - MovingAverage.lookback(type, period: $0) }
            self.averages = range.map { MovingAverage.stream(type, period: $0) }
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let x = inputs[0]
            let bar = seen
            seen += 1
            var result = Double.nan
            let chosen = bar >= lookback && !averages.isEmpty
                ? MAVP.clampedPeriod(inputs[1], minPeriod: minPeriod, maxPeriod: maxPeriod) - minPeriod : -1
            let starts = self.starts
            averages.withUnsafeMutableBufferPointer { streams in
                for j in 0..<streams.count where bar >= starts[j] {
                    let v = streams[j].next(x)
                    if j == chosen { result = v }
                }
            }
            outputs[0] = result
        }
    }
}

/// Acceleration Bands (Headley, *Big Trends in Trading*, 2002) as `TA_ACCBANDS` computes them:
/// with `w = 4·(high − low) / (high + low)`, the upper band is `SMA(high·(1 + w))`, the lower
/// `SMA(low·(1 − w))` and the middle `SMA(close)`, all over `period` bars (when
/// `high + low` is ~0 the raw high and low are averaged instead).
enum ACCBANDS {
    static func lookback(_ period: Int) -> Int { SMA.lookback(period) }

    /// The widened high and low of one bar.
    @inline(__always)
    static func widened(high: Double, low: Double) -> (upper: Double, lower: Double) {
        let sum = high + low
        if -1e-14 < sum && sum < 1e-14 { return (high, low) }
        let width = 4 * (high - low) / sum
        return (high * (1 + width), low * (1 - width))
    }

    /// One pass with three SMA running sums (added, divided, then the trailing value removed,
    /// as `TA_SMA` does); the widened values of the window are kept in a small ring so each bar's
    /// is computed once.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                      lower: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n >= period else { return }
        let h = high.baseAddress!, lo = low.baseAddress!, c = close.baseAddress!
        let up = upper.baseAddress!, mid = middle.baseAddress!, down = lower.baseAddress!
        let ringUpper = UnsafeMutablePointer<Double>.allocate(capacity: period)
        let ringLower = UnsafeMutablePointer<Double>.allocate(capacity: period)
        defer {
            ringUpper.deallocate()
            ringLower.deallocate()
        }
        let divisor = Double(period)
        var upperSum = 0.0, middleSum = 0.0, lowerSum = 0.0
        for i in 0..<(period - 1) {
            let (u, l) = widened(high: h[i], low: lo[i])
            ringUpper[i] = u
            ringLower[i] = l
            upperSum += u
            middleSum += c[i]
            lowerSum += l
        }
        // Slot of bar i is i % period; the trailing bar i − period + 1 sits in the next slot.
        var slot = period - 1
        // Two bars per step so the divisions (the bottleneck) go two lanes at a time; each lane
        // is the same IEEE operation the scalar code performs, and the sums still run bar by bar.
        let fold = SIMD2<Double>(repeating: divisor)
        var i = period - 1
        while i + 2 <= n {
            let (u, l) = widened(high: Lanes.load(h + i), low: Lanes.load(lo + i))
            let cs = Lanes.load(c + i)
            ringUpper[slot] = u[0]
            ringLower[slot] = l[0]
            upperSum += u[0]
            middleSum += cs[0]
            lowerSum += l[0]
            var upperSums = SIMD2<Double>(repeating: upperSum)
            var middleSums = SIMD2<Double>(repeating: middleSum)
            var lowerSums = SIMD2<Double>(repeating: lowerSum)
            slot += 1
            if slot == period { slot = 0 }
            upperSum -= ringUpper[slot]
            middleSum -= c[i - period + 1]
            lowerSum -= ringLower[slot]
            ringUpper[slot] = u[1]
            ringLower[slot] = l[1]
            upperSum += u[1]
            middleSum += cs[1]
            lowerSum += l[1]
            upperSums[1] = upperSum
            middleSums[1] = middleSum
            lowerSums[1] = lowerSum
            slot += 1
            if slot == period { slot = 0 }
            upperSum -= ringUpper[slot]
            middleSum -= c[i - period + 2]
            lowerSum -= ringLower[slot]
            Lanes.store(upperSums / fold, up + i)
            Lanes.store(middleSums / fold, mid + i)
            Lanes.store(lowerSums / fold, down + i)
            i += 2
        }
        while i < n {
            let (u, l) = widened(high: h[i], low: lo[i])
            ringUpper[slot] = u
            ringLower[slot] = l
            upperSum += u
            middleSum += c[i]
            lowerSum += l
            // One packed division for the two bands (the same IEEE quotients).
            let bands = SIMD2<Double>(upperSum, lowerSum) / SIMD2<Double>(repeating: divisor)
            up[i] = bands[0]
            mid[i] = middleSum / divisor
            down[i] = bands[1]
            slot += 1
            if slot == period { slot = 0 }
            upperSum -= ringUpper[slot]
            middleSum -= c[i - period + 1]
            lowerSum -= ringLower[slot]
            i += 1
        }
    }

    /// `widened` for two bars at once, lane for lane the same operations.
    @inline(__always)
    static func widened(high: SIMD2<Double>, low: SIMD2<Double>) -> (upper: SIMD2<Double>, lower: SIMD2<Double>) {
        let sum = high + low
        let width = 4 * (high - low) / sum
        let nearZero = (sum .> SIMD2(repeating: -1e-14)) .& (sum .< SIMD2(repeating: 1e-14))
        let upper = (high * (1 + width)).replacing(with: high, where: nearZero)
        let lower = (low * (1 - width)).replacing(with: low, where: nearZero)
        return (upper, lower)
    }

    struct Stream: FeatureStream {
        var upper: SMA.Stream
        var middle: SMA.Stream
        var lower: SMA.Stream

        init(period: Int) {
            upper = SMA.Stream(period: period)
            middle = SMA.Stream(period: period)
            lower = SMA.Stream(period: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let (up, down) = ACCBANDS.widened(high: inputs[0], low: inputs[1])
            outputs[0] = upper.next(up)
            outputs[1] = middle.next(inputs[2])
            outputs[2] = lower.next(down)
        }
    }
}

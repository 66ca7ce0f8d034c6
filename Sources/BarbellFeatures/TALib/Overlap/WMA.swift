/// Linearly weighted moving average, `Σ w·x / Σ w` with weights `1...period` (newest heaviest),
/// computed with TA-Lib's O(1) recurrence (`TA_WMA`): a weighted sum and a plain window sum are
/// carried, and the weighted sum drops one plain sum per step.
///
/// TA-Lib 0.8.1 re-seeds both sums from the window every `8 × period` outputs (the outputs
/// numbered `8·period − 1`, `16·period − 1`, ... counting the first output as 0). That bounds the
/// drift of the running sums and is why TA-Lib's WMA recovers from a NaN in its input once the
/// NaN has left the window and the next re-seed comes, while SMA or EMA stay NaN for ever. The
/// kernel reproduces the schedule bit for bit.
enum WMA {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// Outputs between two re-seeds of the running sums.
    static func reseedInterval(_ period: Int) -> Int { 8 * period }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n >= period else { return }
        if period == 1 {
            for i in 0..<n { out[i] = x[i] }
            return
        }
        let scale = 1.0 / Double((period * (period + 1)) >> 1)
        let weight = Double(period)
        let interval = reseedInterval(period)
        let xp = x.baseAddress!, o = out.baseAddress!
        var (periodSub, periodSum) = seed(x, endingBefore: period - 1, period: period)
        var trailingValue = 0.0
        var i = period - 1
        var untilReseed = interval - 1
        while i < n {
            if untilReseed == 0 {
                (periodSub, periodSum) = seed(x, endingBefore: i, period: period)
                trailingValue = 0
                untilReseed = interval
            }
            // A run of bars up to the next re-seed (at most `interval`). Each running sum takes one
            // add on its loop-carried path, and the output multiplies by the reciprocal of the
            // weight total (within an ulp of TA-Lib's division; the stream does the same).
            let start = i
            let end = min(n, i + untilReseed)
            while i < end {
                let v = xp[i]
                periodSub += v - trailingValue
                let weighted = v * weight
                o[i] = (periodSum + weighted) * scale
                periodSum += weighted - periodSub
                trailingValue = xp[i + 1 - period]
                i += 1
            }
            untilReseed -= end - start
        }
    }

    /// The plain and weighted sums of the `period - 1` values before index `end`, weights
    /// `1...period-1`, accumulated oldest first as TA-Lib does.
    @inline(__always)
    static func seed(_ x: UnsafeBufferPointer<Double>, endingBefore end: Int, period: Int) -> (sub: Double, sum: Double) {
        var sub = 0.0, sum = 0.0
        var weight = 1.0
        for j in (end - period + 1)..<end {
            let v = x[j]
            sub += v
            sum += v * weight
            weight += 1
        }
        return (sub, sum)
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        /// The reciprocal of the weight total `period·(period + 1)/2`.
        let scale: Double
        let weight: Double
        let interval: Int
        /// The last `period` inputs (the current bar included once appended).
        var window: RingBuffer
        var periodSub = 0.0
        var periodSum = 0.0
        var trailingValue = 0.0
        var untilReseed: Int

        init(period: Int) {
            self.period = period
            self.scale = 1.0 / Double((period * (period + 1)) >> 1)
            self.weight = Double(period)
            self.interval = WMA.reseedInterval(period)
            self.window = RingBuffer(capacity: period)
            self.untilReseed = interval - 1
        }

        mutating func next(_ x: Double) -> Double {
            if period == 1 { return x }
            let count = window.count
            if count < period - 1 {
                window.append(x)
                periodSub += x
                periodSum += x * Double(count + 1)
                return .nan
            }
            if untilReseed == 0 {
                // The window still holds the previous period - 1 values at its end.
                var sub = 0.0, sum = 0.0, w = 1.0
                for j in (window.count - (period - 1))..<window.count {
                    let v = window[j]
                    sub += v
                    sum += v * w
                    w += 1
                }
                periodSub = sub
                periodSum = sum
                trailingValue = 0
                untilReseed = interval
            }
            window.append(x)
            // The batch's operations exactly: one add per running sum on the loop-carried path.
            periodSub += x - trailingValue
            let weighted = x * weight
            let value = (periodSum + weighted) * scale
            periodSum += weighted - periodSub
            trailingValue = window[0]
            untilReseed -= 1
            return value
        }
    }
}

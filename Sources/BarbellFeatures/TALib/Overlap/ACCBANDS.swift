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
    /// as `TA_SMA` does); the trailing widened values are recomputed rather than stored.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                      lower: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n >= period else { return }
        let divisor = Double(period)
        var upperSum = 0.0, middleSum = 0.0, lowerSum = 0.0
        for i in 0..<(period - 1) {
            let (u, l) = widened(high: high[i], low: low[i])
            upperSum += u
            middleSum += close[i]
            lowerSum += l
        }
        for i in (period - 1)..<n {
            let (u, l) = widened(high: high[i], low: low[i])
            upperSum += u
            middleSum += close[i]
            lowerSum += l
            upper[i] = upperSum / divisor
            middle[i] = middleSum / divisor
            lower[i] = lowerSum / divisor
            let t = i - period + 1
            let (tu, tl) = widened(high: high[t], low: low[t])
            upperSum -= tu
            middleSum -= close[t]
            lowerSum -= tl
        }
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

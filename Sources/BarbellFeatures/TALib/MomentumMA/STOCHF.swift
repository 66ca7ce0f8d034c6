/// TA-Lib's fast stochastic (`TA_STOCHF`): the raw %K over `fastk_period` bars (see
/// ``StochasticK``) and its `fastd_matype` average of `fastd_period` as %D; both outputs start
/// at the full lookback.
enum STOCHF {
    static func lookback(fastK: Int, fastD: Int, fastDType: MovingAverageType) -> Int {
        StochasticK.lookback(fastK) + MovingAverage.lookback(fastDType, period: fastD)
    }

    static func batch(
        high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
        fastK: Int, fastD: Int, fastDType: MovingAverageType,
        fastKOut: UnsafeMutableBufferPointer<Double>, fastDOut: UnsafeMutableBufferPointer<Double>
    ) {
        let n = close.count
        let kStart = StochasticK.lookback(fastK)
        let start = lookback(fastK: fastK, fastD: fastD, fastDType: fastDType)
        guard n > start else { return }
        if SmoothingAverage.isFusedSMA(fastDType, period: fastD) {
            // A NaN-free pass over short windows scans them directly; otherwise (or when the
            // scan met a NaN or an infinity) the tracked extremes, TA-Lib's recurrence.
            if fastK <= StochasticK.maxScannedWindow,
               fusedSMA(WindowScan(), high: high, low: low, close: close, fastK: fastK, fastD: fastD, fastKOut: fastKOut, fastDOut: fastDOut) {
                return
            }
            _ = fusedSMA(StochasticK.Extremes(), high: high, low: low, close: close, fastK: fastK, fastD: fastD, fastKOut: fastKOut, fastDOut: fastDOut)
            return
        }
        // %K goes straight into its output; the part before the full lookback is cleared after
        // %D has been computed from it, because TA-Lib reports %K only from there on.
        StochasticK.batch(high: high, low: low, close: close, period: fastK, fastKOut)
        MovingAverage.batch(fastDType, period: fastD, UnsafeBufferPointer(rebasing: fastKOut[kStart...]),
                            UnsafeMutableBufferPointer(rebasing: fastDOut[kStart...]))
        for i in kStart..<start {
            fastKOut[i] = .nan
            fastDOut[i] = .nan
        }
    }

    /// %K and its simple average in one pass (`fastD >= 2`), writing both outputs from the full
    /// lookback on: %K goes straight into its output and the average's oldest value is read back
    /// from there.
    private static func fusedSMA<Source: RawKSource>(
        _ source: Source,
        high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
        fastK: Int, fastD: Int,
        fastKOut: UnsafeMutableBufferPointer<Double>, fastDOut: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        let n = close.count
        let kStart = StochasticK.lookback(fastK)
        let start = kStart + fastD - 1
        let hp = high.baseAddress!, lp = low.baseAddress!, cp = close.baseAddress!
        let kp = fastKOut.baseAddress!, dp = fastDOut.baseAddress!
        let inverse = SmoothingAverage.inverse(fastD)
        var extremes = source
        var check = 0.0
        for i in 0..<kStart { check += StochasticK.nonFinite(hp[i], lp[i]) }
        var total = 0.0
        var today = kStart
        while today < start {
            let k = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - kStart)
            check += StochasticK.nonFinite(hp[today], lp[today])
            kp[today] = k
            total += k
            today += 1
        }
        while today < n {
            let k = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - kStart)
            check += StochasticK.nonFinite(hp[today], lp[today])
            kp[today] = k
            total += k
            dp[today] = total * inverse
            total -= kp[today - (fastD - 1)]
            today += 1
        }
        for i in kStart..<start { kp[i] = .nan }
        return check == 0.0
    }

    struct Stream: FeatureStream {
        let kStart: Int
        let start: Int
        var rawK: StochasticK.Stream
        var smoothD: SmoothingAverage.Stream
        var bar = -1

        init(fastK: Int, fastD: Int, fastDType: MovingAverageType) {
            kStart = StochasticK.lookback(fastK)
            start = kStart + MovingAverage.lookback(fastDType, period: fastD)
            rawK = StochasticK.Stream(period: fastK)
            smoothD = SmoothingAverage.Stream(fastDType, period: fastD)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let (k, d) = next(high: inputs[0], low: inputs[1], close: inputs[2])
            outputs[0] = k
            outputs[1] = d
        }

        /// %K and %D of one bar, both NaN before the full lookback.
        mutating func next(high: Double, low: Double, close: Double) -> (Double, Double) {
            bar += 1
            let k = rawK.next(high: high, low: low, close: close)
            guard bar >= kStart else { return (.nan, .nan) }
            let d = smoothD.next(k)
            guard bar >= start else { return (.nan, .nan) }
            return (k, d)
        }
    }
}

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

    struct Stream: FeatureStream {
        let kStart: Int
        let start: Int
        var rawK: StochasticK.Stream
        var smoothD: MovingAverage.Stream
        var bar = -1

        init(fastK: Int, fastD: Int, fastDType: MovingAverageType) {
            kStart = StochasticK.lookback(fastK)
            start = kStart + MovingAverage.lookback(fastDType, period: fastD)
            rawK = StochasticK.Stream(period: fastK)
            smoothD = MovingAverage.stream(fastDType, period: fastD)
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

/// TA-Lib's slow stochastic (`TA_STOCH`): the raw %K over `fastk_period` bars (see
/// ``StochasticK``), smoothed by a `slowk_matype` average of `slowk_period` into slow %K, which a
/// `slowd_matype` average of `slowd_period` smooths into slow %D.
///
/// Each average seeds from the first value it is given, as TA-Lib's nested `TA_MA` calls do; both
/// outputs start at the full lookback.
enum STOCH {
    static func lookback(fastK: Int, slowK: Int, slowKType: MovingAverageType, slowD: Int, slowDType: MovingAverageType) -> Int {
        StochasticK.lookback(fastK) + MovingAverage.lookback(slowKType, period: slowK)
            + MovingAverage.lookback(slowDType, period: slowD)
    }

    static func batch(
        high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
        fastK: Int, slowK: Int, slowKType: MovingAverageType, slowD: Int, slowDType: MovingAverageType,
        slowKOut: UnsafeMutableBufferPointer<Double>, slowDOut: UnsafeMutableBufferPointer<Double>
    ) {
        let n = close.count
        let kStart = StochasticK.lookback(fastK)
        let slowKStart = kStart + MovingAverage.lookback(slowKType, period: slowK)
        let start = lookback(fastK: fastK, slowK: slowK, slowKType: slowKType, slowD: slowD, slowDType: slowDType)
        guard n > start else { return }
        let rawK = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { rawK.deallocate() }
        rawK.initialize(repeating: .nan)
        StochasticK.batch(high: high, low: low, close: close, period: fastK, rawK)
        // Slow %K is smoothed straight into its output, %D is computed from it, and then the part
        // before the full lookback is cleared: TA-Lib reports both lines only from there on.
        MovingAverage.batch(slowKType, period: slowK, UnsafeBufferPointer(rebasing: rawK[kStart...]),
                            UnsafeMutableBufferPointer(rebasing: slowKOut[kStart...]))
        MovingAverage.batch(slowDType, period: slowD, UnsafeBufferPointer(rebasing: slowKOut[slowKStart...]),
                            UnsafeMutableBufferPointer(rebasing: slowDOut[slowKStart...]))
        for i in kStart..<start {
            slowKOut[i] = .nan
            slowDOut[i] = .nan
        }
    }

    struct Stream: FeatureStream {
        let kStart: Int
        let slowKStart: Int
        let start: Int
        var rawK: StochasticK.Stream
        var smoothK: MovingAverage.Stream
        var smoothD: MovingAverage.Stream
        var bar = -1

        init(fastK: Int, slowK: Int, slowKType: MovingAverageType, slowD: Int, slowDType: MovingAverageType) {
            kStart = StochasticK.lookback(fastK)
            slowKStart = kStart + MovingAverage.lookback(slowKType, period: slowK)
            start = slowKStart + MovingAverage.lookback(slowDType, period: slowD)
            rawK = StochasticK.Stream(period: fastK)
            smoothK = MovingAverage.stream(slowKType, period: slowK)
            smoothD = MovingAverage.stream(slowDType, period: slowD)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            bar += 1
            outputs[0] = .nan
            outputs[1] = .nan
            let k = rawK.next(high: inputs[0], low: inputs[1], close: inputs[2])
            guard bar >= kStart else { return }
            let sk = smoothK.next(k)
            guard bar >= slowKStart else { return }
            let sd = smoothD.next(sk)
            guard bar >= start else { return }
            outputs[0] = sk
            outputs[1] = sd
        }
    }
}

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
        if SmoothingAverage.isFusedSMA(slowKType, period: slowK) && SmoothingAverage.isFusedSMA(slowDType, period: slowD) {
            // A NaN-free pass over short windows scans them directly; otherwise (or when the
            // scan met a NaN or an infinity) the tracked extremes, TA-Lib's recurrence.
            if fastK <= StochasticK.maxScannedWindow,
               fusedSMA(WindowScan(), high: high, low: low, close: close, fastK: fastK, slowK: slowK, slowD: slowD,
                     slowKOut: slowKOut, slowDOut: slowDOut) {
                return
            }
            _ = fusedSMA(StochasticK.Extremes(), high: high, low: low, close: close, fastK: fastK, slowK: slowK, slowD: slowD,
                     slowKOut: slowKOut, slowDOut: slowDOut)
            return
        }
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

    /// Raw %K, its simple average and the average of that in one pass (`slowK, slowD >= 2`),
    /// writing both outputs from the full lookback on. The last `slowK` raw values are kept in a
    /// small ring; slow %K's oldest value is read back from its output.
    private static func fusedSMA<Source: RawKSource>(
        _ source: Source,
        high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
        fastK: Int, slowK: Int, slowD: Int,
        slowKOut: UnsafeMutableBufferPointer<Double>, slowDOut: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        let n = close.count
        let kStart = StochasticK.lookback(fastK)
        let slowKStart = kStart + slowK - 1
        let start = slowKStart + slowD - 1
        let hp = high.baseAddress!, lp = low.baseAddress!, cp = close.baseAddress!
        let skp = slowKOut.baseAddress!, sdp = slowDOut.baseAddress!
        var capacity = 1
        while capacity < slowK { capacity <<= 1 }
        let mask = capacity - 1
        let ring = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        defer { ring.deallocate() }
        let kInverse = SmoothingAverage.inverse(slowK), dInverse = SmoothingAverage.inverse(slowD)
        var extremes = source
        var check = 0.0
        for i in 0..<kStart { check += StochasticK.nonFinite(hp[i], lp[i]) }
        var kTotal = 0.0, dTotal = 0.0
        var today = kStart
        // Raw %K until slow %K's window is full.
        while today < slowKStart {
            let k = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - kStart)
            check += StochasticK.nonFinite(hp[today], lp[today])
            ring[(today - kStart) & mask] = k
            kTotal += k
            today += 1
        }
        // Slow %K until %D's window is full.
        while today < start {
            let k = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - kStart)
            check += StochasticK.nonFinite(hp[today], lp[today])
            let r = today - kStart
            ring[r & mask] = k
            kTotal += k
            let sk = kTotal * kInverse
            kTotal -= ring[(r - (slowK - 1)) & mask]
            skp[today] = sk
            dTotal += sk
            today += 1
        }
        while today < n {
            let k = extremes.next(high: hp, low: lp, close: cp[today], today: today, trailing: today - kStart)
            check += StochasticK.nonFinite(hp[today], lp[today])
            let r = today - kStart
            ring[r & mask] = k
            kTotal += k
            let sk = kTotal * kInverse
            kTotal -= ring[(r - (slowK - 1)) & mask]
            skp[today] = sk
            dTotal += sk
            sdp[today] = dTotal * dInverse
            dTotal -= skp[today - (slowD - 1)]
            today += 1
        }
        for i in slowKStart..<start { skp[i] = .nan }
        return check == 0.0
    }

    struct Stream: FeatureStream {
        let kStart: Int
        let slowKStart: Int
        let start: Int
        var rawK: StochasticK.Stream
        var smoothK: SmoothingAverage.Stream
        var smoothD: SmoothingAverage.Stream
        var bar = -1

        init(fastK: Int, slowK: Int, slowKType: MovingAverageType, slowD: Int, slowDType: MovingAverageType) {
            kStart = StochasticK.lookback(fastK)
            slowKStart = kStart + MovingAverage.lookback(slowKType, period: slowK)
            start = slowKStart + MovingAverage.lookback(slowDType, period: slowD)
            rawK = StochasticK.Stream(period: fastK)
            smoothK = SmoothingAverage.Stream(slowKType, period: slowK)
            smoothD = SmoothingAverage.Stream(slowDType, period: slowD)
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

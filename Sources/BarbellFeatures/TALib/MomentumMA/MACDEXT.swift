/// TA-Lib's MACD with selectable averages (`TA_MACDEXT`): `fast MA - slow MA` of the price, a
/// signal average of that difference, and the histogram `macd - signal`, each average of its own
/// `matype`.
///
/// As in TA-Lib, periods (and their types) are swapped when `slowperiod < fastperiod`, and both
/// price averages are started so that their first values fall on the same bar, the later of their
/// two warm-ups; the signal average seeds from the first MACD value.
enum MACDEXT {
    struct Configuration: Sendable {
        var fastPeriod: Int, fastType: MovingAverageType
        var slowPeriod: Int, slowType: MovingAverageType
        var signalPeriod: Int, signalType: MovingAverageType

        init(fast: Int, fastType: MovingAverageType, slow: Int, slowType: MovingAverageType,
             signal: Int, signalType: MovingAverageType) {
            if slow < fast {
                (fastPeriod, self.fastType, slowPeriod, self.slowType) = (slow, slowType, fast, fastType)
            } else {
                (fastPeriod, self.fastType, slowPeriod, self.slowType) = (fast, fastType, slow, slowType)
            }
            signalPeriod = signal
            self.signalType = signalType
        }

        var fastLookback: Int { MovingAverage.lookback(fastType, period: fastPeriod) }
        var slowLookback: Int { MovingAverage.lookback(slowType, period: slowPeriod) }
        /// The bar of the first MACD value.
        var macdStart: Int { max(fastLookback, slowLookback) }
        var lookback: Int { macdStart + MovingAverage.lookback(signalType, period: signalPeriod) }
        /// All three averages simple ones of two or more bars (the defaults): one fused pass.
        var allFusedSMA: Bool {
            SmoothingAverage.isFusedSMA(fastType, period: fastPeriod) && SmoothingAverage.isFusedSMA(slowType, period: slowPeriod)
                && SmoothingAverage.isFusedSMA(signalType, period: signalPeriod)
        }
    }

    static func batch(
        _ x: UnsafeBufferPointer<Double>, _ c: Configuration,
        macd: UnsafeMutableBufferPointer<Double>, signal: UnsafeMutableBufferPointer<Double>,
        histogram: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let start = c.lookback, macdStart = c.macdStart
        guard n > start else { return }
        if c.allFusedSMA {
            fusedSMA(x, c, macd: macd, signal: signal, histogram: histogram)
            return
        }
        let fastMA = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { fastMA.deallocate() }
        fastMA.initialize(repeating: .nan)
        let slowMA = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { slowMA.deallocate() }
        slowMA.initialize(repeating: .nan)
        // Each average starts its warm-up so that its first value lands on `macdStart`.
        let fastFrom = macdStart - c.fastLookback, slowFrom = macdStart - c.slowLookback
        MovingAverage.batch(c.slowType, period: c.slowPeriod, UnsafeBufferPointer(rebasing: x[slowFrom...]),
                            UnsafeMutableBufferPointer(rebasing: slowMA[slowFrom...]))
        MovingAverage.batch(c.fastType, period: c.fastPeriod, UnsafeBufferPointer(rebasing: x[fastFrom...]),
                            UnsafeMutableBufferPointer(rebasing: fastMA[fastFrom...]))
        for i in macdStart..<n { fastMA[i] -= slowMA[i] }
        MovingAverage.batch(c.signalType, period: c.signalPeriod, UnsafeBufferPointer(rebasing: fastMA[macdStart...]),
                            UnsafeMutableBufferPointer(rebasing: signal[macdStart...]))
        for i in macdStart..<start { signal[i] = .nan }
        for i in start..<n {
            macd[i] = fastMA[i]
            histogram[i] = fastMA[i] - signal[i]
        }
    }

    /// Three simple averages in one pass with ``SmoothingAverage``'s arithmetic: the window sums
    /// of the price read their oldest values back from `x`, the signal's from the MACD output,
    /// which holds every MACD value from `macdStart` on until the warm-up part is cleared.
    private static func fusedSMA(
        _ x: UnsafeBufferPointer<Double>, _ c: Configuration,
        macd: UnsafeMutableBufferPointer<Double>, signal: UnsafeMutableBufferPointer<Double>,
        histogram: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let start = c.lookback, macdStart = c.macdStart
        let fastFrom = macdStart - c.fastLookback
        let fast = c.fastPeriod, slow = c.slowPeriod, sig = c.signalPeriod
        let xp = x.baseAddress!, mp = macd.baseAddress!, sp = signal.baseAddress!, hp = histogram.baseAddress!
        let fastInverse = SmoothingAverage.inverse(fast), slowInverse = SmoothingAverage.inverse(slow)
        let signalInverse = SmoothingAverage.inverse(sig)
        var fastTotal = 0.0, slowTotal = 0.0, signalTotal = 0.0
        var i = 0
        while i < macdStart {
            let v = xp[i]
            slowTotal += v
            if i >= fastFrom { fastTotal += v }
            i += 1
        }
        while i < start {
            let v = xp[i]
            slowTotal += v
            let s = slowTotal * slowInverse
            slowTotal -= xp[i - (slow - 1)]
            fastTotal += v
            let f = fastTotal * fastInverse
            fastTotal -= xp[i - (fast - 1)]
            let value = f - s
            mp[i] = value
            signalTotal += value
            i += 1
        }
        while i < n {
            let v = xp[i]
            slowTotal += v
            let s = slowTotal * slowInverse
            slowTotal -= xp[i - (slow - 1)]
            fastTotal += v
            let f = fastTotal * fastInverse
            fastTotal -= xp[i - (fast - 1)]
            let value = f - s
            mp[i] = value
            signalTotal += value
            let smoothed = signalTotal * signalInverse
            signalTotal -= mp[i - (sig - 1)]
            sp[i] = smoothed
            hp[i] = value - smoothed
            i += 1
        }
        for j in macdStart..<start { mp[j] = .nan }
    }

    struct Stream: FeatureStream {
        let fastFrom: Int, slowFrom: Int, macdStart: Int, start: Int
        var fastMA: SmoothingAverage.Stream
        var slowMA: SmoothingAverage.Stream
        var signalMA: SmoothingAverage.Stream
        var bar = -1

        init(_ c: Configuration) {
            macdStart = c.macdStart
            start = c.lookback
            fastFrom = macdStart - c.fastLookback
            slowFrom = macdStart - c.slowLookback
            // The batch kernel's arithmetic: its fused pass when all three averages are simple
            // ones, the shared moving averages otherwise.
            if c.allFusedSMA {
                fastMA = .sma(SmoothingAverage.SMAStream(period: c.fastPeriod))
                slowMA = .sma(SmoothingAverage.SMAStream(period: c.slowPeriod))
                signalMA = .sma(SmoothingAverage.SMAStream(period: c.signalPeriod))
            } else {
                fastMA = .shared(MovingAverage.stream(c.fastType, period: c.fastPeriod))
                slowMA = .shared(MovingAverage.stream(c.slowType, period: c.slowPeriod))
                signalMA = .shared(MovingAverage.stream(c.signalType, period: c.signalPeriod))
            }
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            bar += 1
            let v = inputs[0]
            outputs[0] = .nan
            outputs[1] = .nan
            outputs[2] = .nan
            let s = bar >= slowFrom ? slowMA.next(v) : .nan
            let f = bar >= fastFrom ? fastMA.next(v) : .nan
            guard bar >= macdStart else { return }
            let value = f - s
            let sig = signalMA.next(value)
            guard bar >= start else { return }
            outputs[0] = value
            outputs[1] = sig
            outputs[2] = value - sig
        }
    }
}

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
    }

    static func batch(
        _ x: UnsafeBufferPointer<Double>, _ c: Configuration,
        macd: UnsafeMutableBufferPointer<Double>, signal: UnsafeMutableBufferPointer<Double>,
        histogram: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let start = c.lookback, macdStart = c.macdStart
        guard n > start else { return }
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

    struct Stream: FeatureStream {
        let fastFrom: Int, slowFrom: Int, macdStart: Int, start: Int
        var fastMA: MovingAverage.Stream
        var slowMA: MovingAverage.Stream
        var signalMA: MovingAverage.Stream
        var bar = -1

        init(_ c: Configuration) {
            macdStart = c.macdStart
            start = c.lookback
            fastFrom = macdStart - c.fastLookback
            slowFrom = macdStart - c.slowLookback
            fastMA = MovingAverage.stream(c.fastType, period: c.fastPeriod)
            slowMA = MovingAverage.stream(c.slowType, period: c.slowPeriod)
            signalMA = MovingAverage.stream(c.signalType, period: c.signalPeriod)
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

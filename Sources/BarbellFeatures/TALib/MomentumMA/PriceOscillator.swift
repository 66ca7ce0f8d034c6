/// TA-Lib's price oscillators: APO (`fast MA - slow MA`) and PPO
/// (`(fast MA - slow MA) / slow MA * 100`, 0 when the slow average is within TA-Lib's epsilon of
/// zero), both averages of type `matype` over the whole input.
///
/// As in TA-Lib the periods are swapped when `slowperiod < fastperiod`, and each average runs from
/// the first bar with its own warm-up, so the fast one is already running when the slow one
/// produces its first value.
enum PriceOscillator {
    enum Kind { case absolute, percentage }

    static func lookback(fast: Int, slow: Int, type: MovingAverageType) -> Int {
        MovingAverage.lookback(type, period: max(fast, slow))
    }

    @inline(__always)
    static func combine(_ kind: Kind, fast: Double, slow: Double) -> Double {
        switch kind {
        case .absolute:
            return fast - slow
        case .percentage:
            // TA_IS_ZERO: a NaN slow average is not "zero", so NaN propagates here.
            return TALibMath.isZero(slow) ? 0.0 : (fast - slow) / slow * 100.0
        }
    }

    static func batch(
        _ kind: Kind, _ x: UnsafeBufferPointer<Double>, fast: Int, slow: Int, type: MovingAverageType,
        _ out: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let (fastPeriod, slowPeriod) = fast <= slow ? (fast, slow) : (slow, fast)
        let start = lookback(fast: fastPeriod, slow: slowPeriod, type: type)
        guard n > start else { return }
        let fastMA = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { fastMA.deallocate() }
        fastMA.initialize(repeating: .nan)
        MovingAverage.batch(type, period: fastPeriod, x, fastMA)
        MovingAverage.batch(type, period: slowPeriod, x, out)
        switch kind {
        case .absolute:
            for i in start..<n { out[i] = combine(.absolute, fast: fastMA[i], slow: out[i]) }
        case .percentage:
            for i in start..<n { out[i] = combine(.percentage, fast: fastMA[i], slow: out[i]) }
        }
        // A kernel may have written warm-up values; TA-Lib reports only from the lookback on.
        for i in 0..<start { out[i] = .nan }
    }

    struct Stream: ScalarFeatureStream {
        let kind: Kind
        let start: Int
        var fastMA: MovingAverage.Stream
        var slowMA: MovingAverage.Stream
        var bar = -1

        init(_ kind: Kind, fast: Int, slow: Int, type: MovingAverageType) {
            let (fastPeriod, slowPeriod) = fast <= slow ? (fast, slow) : (slow, fast)
            self.kind = kind
            start = PriceOscillator.lookback(fast: fastPeriod, slow: slowPeriod, type: type)
            fastMA = MovingAverage.stream(type, period: fastPeriod)
            slowMA = MovingAverage.stream(type, period: slowPeriod)
        }

        mutating func next(_ x: Double) -> Double {
            bar += 1
            let f = fastMA.next(x)
            let s = slowMA.next(x)
            guard bar >= start else { return .nan }
            return PriceOscillator.combine(kind, fast: f, slow: s)
        }
    }
}

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
        if type == .ema && fastPeriod >= 2 {
            switch kind {
            case .absolute: fusedEMA(.absolute, x, fast: fastPeriod, slow: slowPeriod, out)
            case .percentage: fusedEMA(.percentage, x, fast: fastPeriod, slow: slowPeriod, out)
            }
            return
        }
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

    /// Both EMAs in one pass (`2 <= fast <= slow`, `x.count >= slow`), writing every output from
    /// `slow - 1` on; NaN before.
    @inline(__always)
    private static func fusedEMA(
        _ kind: Kind, _ x: UnsafeBufferPointer<Double>, fast: Int, slow: Int, _ out: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let xp = x.baseAddress!, op = out.baseAddress!
        let fastK = EMA.k(fast), slowK = EMA.k(slow)
        let fastA = 1.0 - fastK, slowA = 1.0 - slowK
        var fastSum = 0.0, slowSum = 0.0
        var i = 0
        while i < fast {
            let v = xp[i]
            fastSum += v
            slowSum += v
            i += 1
        }
        var fastEMA = fastSum / Double(fast)
        while i < slow {
            let v = xp[i]
            fastEMA = FusedEMA.step(fastEMA, v, a: fastA, k: fastK)
            slowSum += v
            i += 1
        }
        var slowEMA = slowSum / Double(slow)
        var j = 0
        while j < slow - 1 {
            op[j] = .nan
            j += 1
        }
        op[slow - 1] = combine(kind, fast: fastEMA, slow: slowEMA)
        while i < n {
            let v = xp[i]
            fastEMA = FusedEMA.step(fastEMA, v, a: fastA, k: fastK)
            slowEMA = FusedEMA.step(slowEMA, v, a: slowA, k: slowK)
            op[i] = combine(kind, fast: fastEMA, slow: slowEMA)
            i += 1
        }
    }

    struct Stream: ScalarFeatureStream {
        enum Averages {
            case generic(fast: MovingAverage.Stream, slow: MovingAverage.Stream)
            case ema(fast: FusedEMA.Stream, slow: FusedEMA.Stream)
        }

        let kind: Kind
        let start: Int
        var averages: Averages
        var bar = -1

        init(_ kind: Kind, fast: Int, slow: Int, type: MovingAverageType) {
            let (fastPeriod, slowPeriod) = fast <= slow ? (fast, slow) : (slow, fast)
            self.kind = kind
            start = PriceOscillator.lookback(fast: fastPeriod, slow: slowPeriod, type: type)
            if type == .ema && fastPeriod >= 2 {
                averages = .ema(fast: FusedEMA.Stream(period: fastPeriod, k: EMA.k(fastPeriod)),
                                slow: FusedEMA.Stream(period: slowPeriod, k: EMA.k(slowPeriod)))
            } else {
                averages = .generic(fast: MovingAverage.stream(type, period: fastPeriod),
                                    slow: MovingAverage.stream(type, period: slowPeriod))
            }
        }

        mutating func next(_ x: Double) -> Double {
            bar += 1
            let f: Double, s: Double
            switch averages {
            case .generic(var fastMA, var slowMA):
                f = fastMA.next(x)
                s = slowMA.next(x)
                averages = .generic(fast: fastMA, slow: slowMA)
            case .ema(var fastMA, var slowMA):
                f = fastMA.next(x)
                s = slowMA.next(x)
                averages = .ema(fast: fastMA, slow: slowMA)
            }
            guard bar >= start else { return .nan }
            return PriceOscillator.combine(kind, fast: f, slow: s)
        }
    }
}

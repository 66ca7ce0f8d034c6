/// TA-Lib's `TA_MA`: one entry point over the nine moving-average types, used by every function
/// that takes a `matype` (BBANDS, APO, PPO, STOCH, MACDEXT, ...).
///
/// As in TA-Lib, a period of 1 returns the input unchanged whatever the type. To reproduce a
/// TA-Lib call that starts at `startIdx`, pass the input sliced at `startIdx - lookback`: the
/// averages seed from the first values they are given. (MAMA's even/odd split of
/// bars does not change its output, so its slice may start anywhere too.)
enum MovingAverage {
    static func lookback(_ type: MovingAverageType, period: Int) -> Int {
        if period == 1 { return 0 }
        switch type {
        case .sma: return SMA.lookback(period)
        case .ema: return EMA.lookback(period)
        case .wma: return WMA.lookback(period)
        case .dema: return DEMA.lookback(period)
        case .tema: return TEMA.lookback(period)
        case .trima: return TRIMA.lookback(period)
        case .kama: return KAMA.lookback(period)
        case .mama: return MAMA.lookback(fastLimit: 0.5, slowLimit: 0.05)
        case .t3: return T3.lookback(period, vFactor: 0.7)
        }
    }

    /// Writes the average of `x` into `out` (same length) from the lookback on.
    static func batch(_ type: MovingAverageType, period: Int, _ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        if period == 1 {
            for i in 0..<x.count { out[i] = x[i] }
            return
        }
        switch type {
        case .sma: SMA.batch(x, period: period, out)
        case .ema: EMA.batch(x, period: period, k: EMA.k(period), out)
        case .wma: WMA.batch(x, period: period, out)
        case .dema: DEMA.batch(x, period: period, out)
        case .tema: TEMA.batch(x, period: period, out)
        case .trima: TRIMA.batch(x, period: period, out)
        case .kama: KAMA.batch(x, period: period, out)
        case .mama: MAMA.batchMAMAOnly(x, fastLimit: 0.5, slowLimit: 0.05, out)
        case .t3: T3.batch(x, period: period, vFactor: 0.7, out)
        }
    }

    /// The streaming form of ``batch(_:period:_:_:)``.
    static func stream(_ type: MovingAverageType, period: Int) -> Stream {
        if period == 1 { return .identity }
        switch type {
        case .sma: return .sma(SMA.Stream(period: period))
        case .ema: return .ema(EMA.Stream(period: period, k: EMA.k(period)))
        case .wma: return .wma(WMA.Stream(period: period))
        case .dema: return .dema(DEMA.Stream(period: period))
        case .tema: return .tema(TEMA.Stream(period: period))
        case .trima: return .trima(TRIMA.Stream(period: period))
        case .kama: return .kama(KAMA.Stream(period: period))
        case .mama: return .mama(MAMA.Stream(fastLimit: 0.5, slowLimit: 0.05))
        case .t3: return .t3(T3.Stream(period: period, vFactor: 0.7))
        }
    }

    /// A closed set of average streams; an enum rather than an existential so nested kernels
    /// (a BBANDS middle band, STOCH's smoothing) dispatch without allocation.
    enum Stream: ScalarFeatureStream {
        case identity
        case sma(SMA.Stream)
        case ema(EMA.Stream)
        case wma(WMA.Stream)
        case dema(DEMA.Stream)
        case tema(TEMA.Stream)
        case trima(TRIMA.Stream)
        case kama(KAMA.Stream)
        case mama(MAMA.Stream)
        case t3(T3.Stream)

        /// Each case moves its payload out (leaving `.identity` behind) before mutating it, so
        /// the ring buffers inside are uniquely referenced and never copied per bar.
        mutating func next(_ x: Double) -> Double {
            switch self {
            case .identity: return x
            case .sma(var s): self = .identity; let v = s.next(x); self = .sma(s); return v
            case .ema(var s): self = .identity; let v = s.next(x); self = .ema(s); return v
            case .wma(var s): self = .identity; let v = s.next(x); self = .wma(s); return v
            case .dema(var s): self = .identity; let v = s.next(x); self = .dema(s); return v
            case .tema(var s): self = .identity; let v = s.next(x); self = .tema(s); return v
            case .trima(var s): self = .identity; let v = s.next(x); self = .trima(s); return v
            case .kama(var s): self = .identity; let v = s.next(x); self = .kama(s); return v
            case .mama(var s): self = .identity; let v = s.step(x).mama; self = .mama(s); return v
            case .t3(var s): self = .identity; let v = s.next(x); self = .t3(s); return v
            }
        }
    }
}

/// TA-Lib's MACD (`TA_MACD`, and `TA_MACDFIX` with its fixed 12/26 constants): the difference of a
/// fast and a slow EMA of the price, a signal EMA of that difference, and the histogram
/// `macd - signal`.
///
/// TA-Lib aligns the two price EMAs: both are seeded with the plain mean of the `period` bars that
/// end on the same bar (the slow seed window's last bar), so the fast EMA starts later than it
/// would on its own. The signal EMA is seeded with the mean of the first `signalperiod` MACD
/// values. All three follow `ema = (x - ema) * k + ema`; MACDFIX uses TA-Lib's hard-coded
/// `k = 0.15` and `0.075` instead of `2 / (period + 1)`.
///
/// TA-Lib 0.8.1 evaluates each EMA step as one fused multiply-add, `fma(x - ema, k, ema)`; here the
/// multiply and add round separately (without FMA code generation Swift's `addingProduct` is a
/// libm call that makes the chain about 1.7× slower). Results agree to about 1e-15 relative and are
/// mostly bit-identical on price-level series.
enum MACD {
    struct Configuration: Sendable {
        var fastPeriod: Int
        var slowPeriod: Int
        var signalPeriod: Int
        var fastK: Double
        var slowK: Double
        var signalK: Double

        /// `TA_MACD`: periods swapped when `slow < fast`, `k = 2 / (period + 1)`.
        init(fast: Int, slow: Int, signal: Int) {
            let (f, s) = fast <= slow ? (fast, slow) : (slow, fast)
            fastPeriod = f
            slowPeriod = s
            signalPeriod = signal
            fastK = EMA.k(f)
            slowK = EMA.k(s)
            signalK = EMA.k(signal)
        }

        /// `TA_MACDFIX`: 12 and 26 bars with the classic constants 0.15 and 0.075.
        static func fixed(signal: Int) -> Configuration {
            var c = Configuration(fast: 12, slow: 26, signal: signal)
            c.fastK = 0.15
            c.slowK = 0.075
            return c
        }

        var signalLookback: Int { signalPeriod - 1 }
        var lookback: Int { signalLookback + slowPeriod - 1 }
    }

    static func batch(
        _ x: UnsafeBufferPointer<Double>, _ c: Configuration,
        macd: UnsafeMutableBufferPointer<Double>, signal: UnsafeMutableBufferPointer<Double>,
        histogram: UnsafeMutableBufferPointer<Double>
    ) {
        let n = x.count
        let start = c.lookback
        guard n > start else { return }
        // Seeds: the slow window is bars 0..<slow, the fast window its last `fast` bars.
        var slowSum = 0.0, fastSum = 0.0
        var today = 0
        while today < c.slowPeriod - c.fastPeriod {
            slowSum += x[today]
            today += 1
        }
        while today < c.slowPeriod {
            fastSum += x[today]
            slowSum += x[today]
            today += 1
        }
        var slowEMA = slowSum / Double(c.slowPeriod)
        var fastEMA = fastSum / Double(c.fastPeriod)
        var value = fastEMA - slowEMA
        var signalSum = 0.0
        signalSum += value
        for _ in 1..<c.signalPeriod {
            let v = x[today]
            fastEMA = (v - fastEMA) * c.fastK + fastEMA
            slowEMA = (v - slowEMA) * c.slowK + slowEMA
            value = fastEMA - slowEMA
            signalSum += value
            today += 1
        }
        var signalEMA = signalSum / Double(c.signalPeriod)
        macd[start] = value
        signal[start] = signalEMA
        histogram[start] = value - signalEMA
        while today < n {
            let v = x[today]
            fastEMA = (v - fastEMA) * c.fastK + fastEMA
            slowEMA = (v - slowEMA) * c.slowK + slowEMA
            value = fastEMA - slowEMA
            signalEMA = (value - signalEMA) * c.signalK + signalEMA
            macd[today] = value
            signal[today] = signalEMA
            histogram[today] = value - signalEMA
            today += 1
        }
    }

    struct Stream: FeatureStream {
        let c: Configuration
        var bar = -1
        var slowSum = 0.0, fastSum = 0.0, signalSum = 0.0
        var fastEMA = 0.0, slowEMA = 0.0, signalEMA = 0.0

        init(_ configuration: Configuration) { c = configuration }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            bar += 1
            let v = inputs[0]
            outputs[0] = .nan
            outputs[1] = .nan
            outputs[2] = .nan
            let slowEnd = c.slowPeriod - 1
            if bar <= slowEnd {
                if bar >= c.slowPeriod - c.fastPeriod { fastSum += v }
                slowSum += v
                guard bar == slowEnd else { return }
                slowEMA = slowSum / Double(c.slowPeriod)
                fastEMA = fastSum / Double(c.fastPeriod)
            } else {
                fastEMA = (v - fastEMA) * c.fastK + fastEMA
                slowEMA = (v - slowEMA) * c.slowK + slowEMA
            }
            let value = fastEMA - slowEMA
            if bar < c.lookback {
                signalSum += value
                return
            } else if bar == c.lookback {
                signalSum += value
                signalEMA = signalSum / Double(c.signalPeriod)
            } else {
                signalEMA = (value - signalEMA) * c.signalK + signalEMA
            }
            outputs[0] = value
            outputs[1] = signalEMA
            outputs[2] = value - signalEMA
        }
    }
}

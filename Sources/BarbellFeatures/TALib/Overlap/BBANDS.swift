import Foundation

/// Bollinger Bands (Bollinger, *Bollinger on Bollinger Bands*, 2001) as `TA_BBANDS` computes
/// them: the middle band is a moving average of any TA-Lib type, the width the population
/// standard deviation of the last `period` inputs, `upper = middle + nbdevup·σ`,
/// `lower = middle − nbdevdn·σ`.
///
/// TA-Lib takes σ two ways, and both are reproduced: with an SMA middle band the variance is
/// `mean(x²) − sma²` reusing the average; otherwise it is `mean(x²) − mean(x)²` from its own
/// running sums (`TA_STDDEV`), which start `period − 1` bars before the first output. A variance
/// below 1e-14 gives σ = 0. The average itself always starts at the first bar.
///
/// TA-Lib 0.8's `TA_STDDEV` re-seeds its running sums from the window every `32 × period`
/// outputs (outputs numbered `32·period − 1`, `64·period − 1`, ... from 0), so after a NaN the
/// bands of an average that recovers (WMA) recover at the next re-seed; the kernel follows that
/// schedule. (Its exact variance formula differs from `mean(x²) − mean²` in the last bits; the
/// two agree far inside the 1e-9 parity tolerance.)
enum BBANDS {
    /// The average's lookback, or `period - 1` when the average needs fewer bars than the
    /// deviation (MAMA with a period above 33), as in TA-Lib 0.8.
    static func lookback(period: Int, type: MovingAverageType) -> Int {
        max(MovingAverage.lookback(type, period: period), period - 1)
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, devUp: Double, devDown: Double, type: MovingAverageType,
                      upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                      lower: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let lookback = lookback(period: period, type: type)
        guard n > lookback else { return }
        if type == .sma {
            smaBatch(x, period: period, devUp: devUp, devDown: devDown, upper: upper, middle: middle, lower: lower)
            return
        }
        // The average runs over the whole series; only its first `lookback` values are hidden.
        // (The descriptor promises every slot from the lookback on, so the average's column starts
        // as NaN wherever the average itself leaves a slot alone.)
        middle.baseAddress!.initialize(repeating: .nan, count: n)
        MovingAverage.batch(type, period: period, x, middle)
        for j in 0..<lookback { middle[j] = .nan }
        var deviation = Deviation(period: period, type: type)
        // The variance sums start period - 1 bars before the first output, as in TA-Lib.
        var i = lookback - (period - 1)
        while i < lookback {
            deviation.warm(x[i])
            i += 1
        }
        while i < n {
            if deviation.reseedDue {
                var sum = 0.0, sumOfSquares = 0.0
                for j in (i - period + 1)..<i {
                    sum += x[j]
                    sumOfSquares += x[j] * x[j]
                }
                deviation.reseed(sum: sum, sumOfSquares: sumOfSquares)
            }
            let sigma = deviation.next(x[i], trailing: x[i - period + 1], average: middle[i])
            let mid = middle[i]
            (upper[i], lower[i]) = bands(middle: mid, sigma: sigma, devUp: devUp, devDown: devDown)
            i += 1
        }
    }

    /// The SMA case, bit for bit what `SMA.batch` plus `Deviation.next` give: a first pass runs
    /// the two running sums (the only serial dependency) and parks them in the middle and upper
    /// columns, a second, vectorisable pass turns them into the average, σ and the bands.
    static func smaBatch(_ x: UnsafeBufferPointer<Double>, period: Int, devUp: Double, devDown: Double,
                         upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                         lower: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        let xp = x.baseAddress!, up = upper.baseAddress!, mp = middle.baseAddress!, lo = lower.baseAddress!
        let divisor = Double(period)
        var total = 0.0, sumOfSquares = 0.0
        var i = 0
        while i < period - 1 {
            let v = xp[i]
            total += v
            sumOfSquares += v * v
            i += 1
        }
        let first = i
        while i < n {
            let v = xp[i], trailing = xp[i - period + 1]
            total += v
            sumOfSquares += v * v
            mp[i] = total
            up[i] = sumOfSquares
            total -= trailing
            sumOfSquares -= trailing * trailing
            i += 1
        }
        if devUp == devDown && devUp != 1.0 {
            for j in first..<n {
                let mid = mp[j] / divisor
                var meanOfSquares = up[j] / divisor
                meanOfSquares -= mid * mid
                // √0 is the 0 TA-Lib substitutes; choosing before the root lets the loop vectorise.
                let sigma = (meanOfSquares < 1e-14 ? 0.0 : meanOfSquares).squareRoot()
                let width = sigma * devUp
                mp[j] = mid
                up[j] = mid + width
                lo[j] = mid - width
            }
        } else {
            for j in first..<n {
                let mid = mp[j] / divisor
                var meanOfSquares = up[j] / divisor
                meanOfSquares -= mid * mid
                // √0 is the 0 TA-Lib substitutes; choosing before the root lets the loop vectorise.
                let sigma = (meanOfSquares < 1e-14 ? 0.0 : meanOfSquares).squareRoot()
                mp[j] = mid
                (up[j], lo[j]) = bands(middle: mid, sigma: sigma, devUp: devUp, devDown: devDown)
            }
        }
    }

    /// The bands around `middle`, multiplied in TA-Lib's order for each case of the multipliers.
    @inline(__always)
    static func bands(middle: Double, sigma: Double, devUp: Double, devDown: Double) -> (Double, Double) {
        if devUp == devDown {
            if devUp == 1.0 { return (middle + sigma, middle - sigma) }
            let width = sigma * devUp
            return (middle + width, middle - width)
        }
        if devUp == 1.0 { return (middle + sigma, middle - (devDown * sigma)) }
        if devDown == 1.0 { return (middle + (devUp * sigma), middle - sigma) }
        return (middle + (devUp * sigma), middle - (devDown * sigma))
    }

    /// The running sums behind σ.
    struct Deviation: Sendable {
        let divisor: Double
        let usesAverage: Bool
        var sum = 0.0
        var sumOfSquares = 0.0
        /// Outputs left before the next re-seed of the standard-deviation sums (never with an
        /// SMA, whose variance reuses the average).
        var untilReseed: Int

        init(period: Int, type: MovingAverageType) {
            divisor = Double(period)
            usesAverage = type == .sma
            untilReseed = usesAverage ? Int.max : 32 * period - 1
        }

        var reseedDue: Bool { untilReseed == 0 }

        /// Replaces the sums with those of the `period - 1` values before the current bar.
        mutating func reseed(sum: Double, sumOfSquares: Double) {
            self.sum = sum
            self.sumOfSquares = sumOfSquares
            untilReseed = Int(divisor) * 32
        }

        /// Adds one of the `period - 1` values before the first output.
        @inline(__always)
        mutating func warm(_ x: Double) {
            if !usesAverage { sum += x }
            sumOfSquares += x * x
        }

        /// σ for the window ending with `x`, whose oldest value is `trailing`; `average` is the
        /// middle band at this bar (used only with an SMA).
        @inline(__always)
        mutating func next(_ x: Double, trailing: Double, average: Double) -> Double {
            untilReseed -= 1
            let variance: Double
            if usesAverage {
                sumOfSquares += x * x
                var meanOfSquares = sumOfSquares / divisor
                sumOfSquares -= trailing * trailing
                meanOfSquares -= average * average
                variance = meanOfSquares
            } else {
                sum += x
                sumOfSquares += x * x
                let mean = sum / divisor
                let meanOfSquares = sumOfSquares / divisor
                sum -= trailing
                sumOfSquares -= trailing * trailing
                variance = meanOfSquares - mean * mean
            }
            return variance < 1e-14 ? 0.0 : sqrt(variance)
        }
    }

    struct Stream: FeatureStream {
        let period: Int
        let lookback: Int
        let devUp: Double
        let devDown: Double
        var average: MovingAverage.Stream
        var deviation: Deviation
        var window: RingBuffer
        var seen = 0

        init(period: Int, devUp: Double, devDown: Double, type: MovingAverageType) {
            self.period = period
            self.lookback = BBANDS.lookback(period: period, type: type)
            self.devUp = devUp
            self.devDown = devDown
            self.average = MovingAverage.stream(type, period: period)
            self.deviation = Deviation(period: period, type: type)
            self.window = RingBuffer(capacity: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            let x = inputs[0]
            let mid = average.next(x)
            let index = seen
            seen += 1
            window.append(x)
            if index < lookback {
                if index >= lookback - (period - 1) { deviation.warm(x) }
                outputs[0] = .nan; outputs[1] = .nan; outputs[2] = .nan
                return
            }
            if deviation.reseedDue {
                var sum = 0.0, sumOfSquares = 0.0
                for j in 0..<(period - 1) {
                    let v = window[j]
                    sum += v
                    sumOfSquares += v * v
                }
                deviation.reseed(sum: sum, sumOfSquares: sumOfSquares)
            }
            let sigma = deviation.next(x, trailing: window[0], average: mid)
            let (up, down) = BBANDS.bands(middle: mid, sigma: sigma, devUp: devUp, devDown: devDown)
            outputs[0] = up
            outputs[1] = mid
            outputs[2] = down
        }
    }
}

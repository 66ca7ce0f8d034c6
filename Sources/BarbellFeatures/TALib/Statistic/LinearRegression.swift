import Foundation

/// TA-Lib C 0.8's least-squares line over the last `timeperiod` bars, shared by `LINEARREG`,
/// `LINEARREG_SLOPE`, `LINEARREG_INTERCEPT`, `LINEARREG_ANGLE` and `TSF`.
///
/// With `x` counting bars back from the newest (TA-Lib's convention: the oldest bar has
/// weight n−1, the newest 0) and n = `timeperiod`:
/// `m = (n·Σxy − Σx·Σy) / ((Σx)² − n·Σx²)`, `b = (Σy − m·Σx) / n`. The reversed divisor
/// makes `m` the slope per bar forward in time and `b` the line's value at the oldest bar;
/// the outputs are
/// `b + m·(n−1)` (LINEARREG, the line's value at the newest bar), `m` (SLOPE), `b`
/// (INTERCEPT), `atan(m)·180/π` (ANGLE) and `b + m·n` (TSF, one bar ahead); TA-Lib fuses
/// the last multiply-add, see ``readout(_:sumY:sumXY:_:)``.
///
/// TA-Lib 0.8 (unlike its older source, which refits every window) slides the sums: when a
/// bar enters, every weight grows by one, so `Σxy ← Σxy + Σy − n·oldest` and
/// `Σy ← Σy − oldest + newest`. It also keeps `Σ|y|` and refits the window from scratch
/// (oldest first) when the leaving value dominates (`|n·oldest| > 100·Σ|y|`, Σ|y| already
/// slid) or on every `32 · timeperiod`-th output after the previous refit (output index
/// ≡ 0 mod 32·n when no dominance refit intervenes). A NaN input therefore stays in the sums
/// (every comparison with NaN fails) until the next counted refit whose window is clean.
/// (Read off the TA-Lib C 0.8.1 binary the fixtures come from.)
enum LinearRegression {
    enum Output: Sendable {
        case value, slope, intercept, angle, forecast
    }

    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The sliding sums and the window-independent constants, shared by batch and stream so
    /// both perform the same floating-point operations in the same order.
    struct State {
        let period: Int
        let n: Double
        let sumX: Double
        let divisor: Double
        let inverseDivisor: Double
        let inverseN: Double
        let refitEvery: Int
        var sumY = 0.0
        var sumXY = 0.0
        var sumAbs = 0.0
        var countdown: Int

        init(period: Int) {
            self.period = period
            n = Double(period)
            let nTimesNMinus1 = Double(period - 1) * n
            sumX = nTimesNMinus1 * 0.5
            let sumXSqr = Double(2 * period - 1) * nTimesNMinus1 / 6.0
            divisor = sumX * sumX - sumXSqr * n
            // TA-Lib divides by the divisor and by n on every bar; both are constants, so the
            // slope and intercept multiply by their reciprocals instead (within an ulp of the
            // quotient, far inside the fixtures' 1e-9; shared by batch and stream).
            inverseDivisor = 1.0 / divisor
            inverseN = 1.0 / n
            refitEvery = period << 5
            countdown = period << 5
        }

        /// Fits the window from scratch; `window(i)` is its value `i`, 0 the oldest.
        @inline(__always)
        mutating func refit(_ window: (Int) -> Double) {
            sumY = 0
            sumXY = 0
            sumAbs = 0
            var weight = Double(period - 1)
            for i in 0..<period {
                let v = window(i)
                sumY += v
                sumAbs += abs(v)
                sumXY += v * weight
                weight -= 1.0
            }
            countdown = refitEvery
        }

        /// Slides the window by one bar: `oldest` leaves, `newest` enters.
        @inline(__always)
        mutating func advance(newest: Double, oldest: Double, window: (Int) -> Double) {
            countdown &-= 1
            if countdown == 0 { return refit(window) }
            let weightedOldest = n * oldest
            sumAbs = sumAbs - abs(oldest) + abs(newest)
            if abs(weightedOldest) > sumAbs * 100.0 { return refit(window) }
            sumXY = sumXY + sumY - weightedOldest
            sumY = sumY - oldest + newest
        }

        @inline(__always)
        var slope: Double { (n * sumXY - sumX * sumY) * inverseDivisor }

        @inline(__always)
        func intercept(slope m: Double) -> Double { (sumY - sumX * m) * inverseN }

        /// The requested output: lane 0 of ``LinearRegression/readout(_:sumY:sumXY:_:)``, so the
        /// stream and the batch's packed lanes run the same operations.
        @inline(__always)
        func readout(_ output: Output) -> Double {
            LinearRegression.readout(output, sumY: SIMD2(repeating: sumY), sumXY: SIMD2(repeating: sumXY),
                                     n: n, sumX: sumX, inverseDivisor: inverseDivisor, inverseN: inverseN).x
        }
    }

    /// The output of two windows at once (lane for lane the scalar formulas):
    /// slope `m = (n·Σxy − Σx·Σy) / divisor`, intercept `(Σy − Σx·m) / n`, angle
    /// `atan(m)·180/π`, line value `b + m·(n−1)`, forecast `b + m·n`.
    ///
    /// TA-Lib divides by the divisor and by n on every bar; both are constants, so the slope
    /// and intercept multiply by their reciprocals instead (within an ulp of the quotient, far
    /// inside the fixtures' 1e-9). TA-Lib rounds `b + m·k` once (`fma(m, k, b)`); without FMA in
    /// the baseline x86-64 target, `addingProduct` becomes a libm call (4× the cost of TA-Lib's
    /// whole loop body) and an exact software emulation still 1.75×, so the product is rounded
    /// first: at most one rounding of `m·k` apart (98% of bars bit-identical on a random walk).
    @inline(__always)
    static func readout(_ output: Output, sumY: SIMD2<Double>, sumXY: SIMD2<Double>,
                        n: Double, sumX: Double, inverseDivisor: Double, inverseN: Double) -> SIMD2<Double> {
        let m = (n * sumXY - sumX * sumY) * inverseDivisor
        switch output {
        case .slope: return m
        case .angle: return SIMD2(atan(m.x), atan(m.y)) * 57.29577951308232
        case .intercept: return (sumY - sumX * m) * inverseN
        case .value: return (sumY - sumX * m) * inverseN + m * (n - 1.0)
        case .forecast: return (sumY - sumX * m) * inverseN + m * n
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, output: Output, _ out: UnsafeMutableBufferPointer<Double>) {
        // One specialised loop per output, so the loop body has no switch.
        switch output {
        case .slope: run(x, period: period, out, .slope)
        case .angle: run(x, period: period, out, .angle)
        case .intercept: run(x, period: period, out, .intercept)
        case .value: run(x, period: period, out, .value)
        case .forecast: run(x, period: period, out, .forecast)
        }
    }

    /// The scalar loop over the windows ending at `from ..< to`, continuing `state`.
    @inline(__always)
    private static func slide(_ base: UnsafePointer<Double>, from: Int, to: Int, period: Int, _ state: inout State,
                              _ out: UnsafeMutablePointer<Double>, _ output: Output) {
        var t = from
        while t < to {
            let window = base + (t - period + 1)
            state.advance(newest: base[t], oldest: base[t - period]) { window[$0] }
            out[t] = state.readout(output)
            t += 1
        }
    }

    /// The batch: TA-Lib's sums bar by bar, in two lanes at once. Every refit rebuilds the
    /// sums from the window alone, and without dominance refits they fall every `32·n` bars
    /// from the first window; so a second lane starts with a refit on that grid near the
    /// middle of the series (bar `r`) while the first lane runs up to it, each lane the exact
    /// scalar operations of ``State/advance(newest:oldest:window:)`` (two sums, two dependent
    /// adds each per bar: twice the bars per add latency). If the first lane would not refit
    /// at `r` after all (a dominance refit shifted its grid), it simply carries on through
    /// the second lane's bars, overwriting them.
    @inline(__always)
    private static func run(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>,
                            _ output: Output) {
        let count = x.count
        guard count >= period, let base = x.baseAddress, let o = out.baseAddress else { return }
        var lane0 = State(period: period)
        let first = period - 1
        lane0.refit { base[$0] }
        o[first] = lane0.readout(output)
        let grid = lane0.refitEvery
        // The refit bar nearest the middle; too short a series runs in one lane.
        let split = first + ((count - first) / 2 / grid) * grid
        guard split > first, split < count else {
            slide(base, from: first + 1, to: count, period: period, &lane0, o, output)
            return
        }
        var lane1 = State(period: period)
        let splitWindow = base + (split - period + 1)
        lane1.refit { splitWindow[$0] }
        o[split] = lane1.readout(output)
        // Lane 0 covers bars first+1 ..< split, lane 1 split+1 ..< count.
        let steps = min(split - first - 1, count - split - 1)
        let n = lane0.n, sumX = lane0.sumX, inverseDivisor = lane0.inverseDivisor, inverseN = lane0.inverseN
        var sumY = SIMD2(lane0.sumY, lane1.sumY)
        var sumXY = SIMD2(lane0.sumXY, lane1.sumXY)
        var sumAbs = SIMD2(lane0.sumAbs, lane1.sumAbs)
        var countdown0 = lane0.countdown, countdown1 = lane1.countdown
        let gap = split - first
        // Pointers rather than indices: no overflow checks in the loop.
        var newest0 = base + (first + 1)
        let stop = newest0 + steps
        var slot0 = o + (first + 1)
        while newest0 < stop {
            let newest1 = newest0 + gap
            let newest = SIMD2(newest0.pointee, newest1.pointee)
            let oldest = SIMD2((newest0 - period).pointee, (newest1 - period).pointee)
            let weightedOldest = n * oldest
            let slidAbs = sumAbs - Lanes.magnitude(oldest) + Lanes.magnitude(newest)
            if min(countdown0, countdown1) > 1
                && !Lanes.anyGreater(Lanes.magnitude(weightedOldest), slidAbs * 100.0) {
                countdown0 &-= 1
                countdown1 &-= 1
                sumAbs = slidAbs
                sumXY = sumXY + sumY - weightedOldest
                sumY = sumY - oldest + newest
                let v = readout(output, sumY: sumY, sumXY: sumXY, n: n, sumX: sumX, inverseDivisor: inverseDivisor,
                                inverseN: inverseN)
                slot0.pointee = v.x
                (slot0 + gap).pointee = v.y
            } else {
                // A lane refits: each lane one bar the scalar way.
                lane0.sumY = sumY.x; lane0.sumXY = sumXY.x; lane0.sumAbs = sumAbs.x; lane0.countdown = countdown0
                lane1.sumY = sumY.y; lane1.sumXY = sumXY.y; lane1.sumAbs = sumAbs.y; lane1.countdown = countdown1
                let t0 = newest0 - base
                slide(base, from: t0, to: t0 + 1, period: period, &lane0, o, output)
                slide(base, from: t0 + gap, to: t0 + gap + 1, period: period, &lane1, o, output)
                sumY = SIMD2(lane0.sumY, lane1.sumY)
                sumXY = SIMD2(lane0.sumXY, lane1.sumXY)
                sumAbs = SIMD2(lane0.sumAbs, lane1.sumAbs)
                countdown0 = lane0.countdown
                countdown1 = lane1.countdown
            }
            newest0 += 1
            slot0 += 1
        }
        let t0 = newest0 - base
        lane0.sumY = sumY.x; lane0.sumXY = sumXY.x; lane0.sumAbs = sumAbs.x; lane0.countdown = countdown0
        lane1.sumY = sumY.y; lane1.sumXY = sumXY.y; lane1.sumAbs = sumAbs.y; lane1.countdown = countdown1
        // The longer lane finishes alone.
        slide(base, from: t0, to: split, period: period, &lane0, o, output)
        slide(base, from: t0 + gap, to: count, period: period, &lane1, o, output)
        // Lane 1 holds only if lane 0 refits at `split` (its countdown runs out there).
        if lane0.countdown != 1 {
            slide(base, from: split, to: count, period: period, &lane0, o, output)
        }
    }

    /// The same sums over a ring of the last `timeperiod` values: O(1) per bar, plus an
    /// O(timeperiod) refit every `32 · timeperiod` bars (or on a dominance refit).
    struct Stream: ScalarFeatureStream {
        var state: State
        var window: RingBuffer
        let output: Output

        init(period: Int, output: Output) {
            state = State(period: period)
            window = RingBuffer(capacity: period)
            self.output = output
        }

        mutating func next(_ x: Double) -> Double {
            if window.isFull {
                let oldest = window.oldest
                window.append(x)
                let ring = window
                state.advance(newest: x, oldest: oldest) { ring[$0] }
            } else {
                window.append(x)
                guard window.isFull else { return .nan }
                let ring = window
                state.refit { ring[$0] }
            }
            return state.readout(output)
        }
    }
}

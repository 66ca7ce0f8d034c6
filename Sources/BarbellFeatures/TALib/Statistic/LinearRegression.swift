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
/// the last multiply-add, see ``State/line(at:)``.
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

        /// `b + m·k`. TA-Lib rounds this once (`fma(m, k, b)`); without FMA in the baseline
        /// x86-64 target, `addingProduct` becomes a libm call (4× the cost of TA-Lib's whole
        /// loop body) and an exact software emulation still 1.75×, so the product is rounded
        /// first: at most one rounding of `m·k` apart (98% of bars bit-identical on a random walk).
        @inline(__always)
        func line(at k: Double) -> Double {
            let m = slope
            return intercept(slope: m) + m * k
        }

        @inline(__always)
        func angle() -> Double { atan(slope) * 57.29577951308232 }

        /// The requested output; batch resolves `output` once, outside its loop.
        @inline(__always)
        func readout(_ output: Output) -> Double {
            switch output {
            case .slope: return slope
            case .angle: return angle()
            case .intercept: return intercept(slope: slope)
            case .value: return line(at: n - 1.0)
            case .forecast: return line(at: n)
            }
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, output: Output, _ out: UnsafeMutableBufferPointer<Double>) {
        // One specialised loop per output, so the loop body has no switch.
        switch output {
        case .slope: run(x, period: period, out) { $0.slope }
        case .angle: run(x, period: period, out) { $0.angle() }
        case .intercept: run(x, period: period, out) { $0.intercept(slope: $0.slope) }
        case .value: run(x, period: period, out) { $0.line(at: $0.n - 1.0) }
        case .forecast: run(x, period: period, out) { $0.line(at: $0.n) }
        }
    }

    @inline(__always)
    private static func run(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>,
                            readout: (State) -> Double) {
        let count = x.count
        guard count >= period, let base = x.baseAddress else { return }
        var state = State(period: period)
        state.refit { base[$0] }
        out[period - 1] = readout(state)
        // Pointers rather than indices: no overflow checks in the loop.
        var oldest = base
        var newest = base + period
        let end = base + count
        guard var slot = out.baseAddress.map({ $0 + period }) else { return }
        while newest < end {
            let window = oldest + 1
            state.advance(newest: newest.pointee, oldest: oldest.pointee) { window[$0] }
            slot.pointee = readout(state)
            oldest += 1
            newest += 1
            slot += 1
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

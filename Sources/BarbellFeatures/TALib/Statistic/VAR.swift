/// Population variance over `timeperiod` bars, TA-Lib C 0.8's `VAR`: `mean((x−K)²) −
/// mean(x−K)²` from running sums of deviations from an anchor `K`.
///
/// TA-Lib 0.8 (unlike 0.4–0.6 and unlike the plain `Σx, Σx²` sums its older source shows)
/// anchors the sums to keep the cancellation small, and re-anchors (recomputes the window with
/// `K` = the window mean, sequentially, oldest first) whenever
/// - the result has lost more than 6 digits (`Σd²/n · 1e-6 > var`),
/// - the deviation leaving the window dominates what remains (`d² > Σd² · 1e6`), or
/// - `32 · timeperiod` bars passed since the last re-anchoring.
/// A re-anchored variance below `1e-12 · Σd²/n` is 0. The first anchor is the first value.
/// NaN stays in the sums until the next counted re-anchoring (NaN fails every comparison),
/// which is how TA-Lib recovers `32 · timeperiod` bars later. `nbdev` is ignored, as in TA-Lib.
/// (Read off the TA-Lib C 0.8.1 binary the fixtures come from; the constants are its own.)
enum VAR {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The anchored sums, shared by batch and stream so both run the same operations.
    struct State {
        let period: Int
        let invN: Double
        let resyncEvery: Int
        var anchor = 0.0
        var s1 = 0.0
        var s2 = 0.0
        var countdown: Int

        init(period: Int) {
            self.period = period
            invN = 1.0 / Double(period)
            resyncEvery = period << 5
            countdown = period << 5
        }

        /// One of the first `period − 1` values; the first sets the anchor.
        @inline(__always)
        mutating func prime(_ x: Double, first: Bool) {
            if first { anchor = x }
            let d = x - anchor
            s1 += d
            s2 += d * d
        }

        /// The variance of the window ending at `newest`; `window(i)` is its value `i`, 0 the
        /// oldest (which is also `oldest`).
        @inline(__always)
        mutating func next(newest: Double, oldest: Double, window: (Int) -> Double) -> Double {
            let d = newest - anchor
            s1 += d
            let mean = invN * s1
            s2 += d * d
            let variance = invN * s2 - mean * mean
            let o = oldest - anchor
            let oo = o * o
            s2 -= oo
            if invN * s2 * 1e-6 > variance || oo > s2 * 1e6 {
                return resync(window)
            }
            countdown -= 1
            if countdown == 0 { return resync(window) }
            s1 -= o
            return variance
        }

        private mutating func resync(_ window: (Int) -> Double) -> Double {
            var total = 0.0
            for i in 0..<period { total += window(i) }
            anchor = total * invN
            s1 = 0
            s2 = 0
            for i in 0..<period {
                let d = window(i) - anchor
                s1 += d
                s2 += d * d
            }
            let mean = invN * s1
            let spread = invN * s2
            var variance = spread - mean * mean
            if variance < spread * 1e-12 { variance = 0.0 }
            let o = window(0) - anchor
            s1 -= o
            s2 -= o * o
            countdown = resyncEvery
            return variance
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        run(x, period: period, out) { $0 }
    }

    /// The batch loop with `finish` applied to each variance before it is stored (STDDEV's
    /// root), so STDDEV needs no second pass over its output.
    @inline(__always)
    static func run(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>,
                    finish: (Double) -> Double) {
        let n = x.count
        guard n >= period, let base = x.baseAddress, let slot0 = out.baseAddress else { return }
        var state = State(period: period)
        for i in 0..<(period - 1) { state.prime(base[i], first: i == 0) }
        // Pointers rather than indices: no overflow checks in the loop.
        var oldest = base
        var newest = base + (period - 1)
        var slot = slot0 + (period - 1)
        let end = base + n
        while newest < end {
            let start = oldest
            slot.pointee = finish(state.next(newest: newest.pointee, oldest: start.pointee) { start[$0] })
            oldest += 1
            newest += 1
            slot += 1
        }
    }

    /// The same state over a ring of the last `period` values.
    struct Stream: ScalarFeatureStream {
        var state: State
        var window: RingBuffer

        init(period: Int) {
            state = State(period: period)
            window = RingBuffer(capacity: period)
        }

        mutating func next(_ x: Double) -> Double {
            let seen = window.count
            window.append(x)
            guard window.isFull else {
                state.prime(x, first: seen == 0)
                return .nan
            }
            let ring = window
            return state.next(newest: x, oldest: ring[0]) { ring[$0] }
        }
    }
}

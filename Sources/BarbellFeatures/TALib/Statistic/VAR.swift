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

        /// Re-anchors to the window (the batch starts its second lane with this).
        mutating func resync(_ window: (Int) -> Double) -> Double {
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

    /// The scalar loop over the windows ending at `from ..< to`, continuing `state`.
    @inline(__always)
    private static func slide(_ base: UnsafePointer<Double>, from: Int, to: Int, period: Int, _ state: inout State,
                              _ out: UnsafeMutablePointer<Double>, finish: (SIMD2<Double>) -> SIMD2<Double>) {
        var t = from
        while t < to {
            let start = base + (t - period + 1)
            out[t] = finish(SIMD2(repeating: state.next(newest: base[t], oldest: start.pointee) { start[$0] })).x
            t += 1
        }
    }

    /// The batch loop with `finish` applied to each pair of variances before they are stored
    /// (STDDEV's root, lane for lane the stream's scalar one), so STDDEV needs no second pass.
    ///
    /// TA-Lib's sums bar by bar, in two lanes at once: a re-anchoring rebuilds the state from
    /// the window alone, and without precision or dominance re-anchorings they fall every
    /// `32·n` bars (the first on bar `32·n + n − 2`); so a second lane starts with one on that
    /// grid near the middle of the series (bar `r`) while the first lane runs up to it, each
    /// lane the exact scalar operations of ``State/next(newest:oldest:window:)`` (the two
    /// dependent adds per sum and bar are TA-Lib's; two lanes halve the bars per add latency).
    /// If the first lane would not re-anchor at `r` after all, it carries on through the
    /// second lane's bars, overwriting them.
    @inline(__always)
    static func run(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>,
                    finish: (SIMD2<Double>) -> SIMD2<Double>) {
        let count = x.count
        guard count >= period, let base = x.baseAddress, let o = out.baseAddress else { return }
        var lane0 = State(period: period)
        for i in 0..<(period - 1) { lane0.prime(base[i], first: i == 0) }
        let first = period - 1
        let grid = lane0.resyncEvery
        // The re-anchoring bar nearest the middle; too short a series runs in one lane.
        let split = first - 1 + ((count - first) / 2 / grid) * grid
        guard split > first, split < count else {
            slide(base, from: first, to: count, period: period, &lane0, o, finish: finish)
            return
        }
        var lane1 = State(period: period)
        let splitWindow = base + (split - period + 1)
        o[split] = finish(SIMD2(repeating: lane1.resync { splitWindow[$0] })).x
        // Lane 0 covers bars first ..< split, lane 1 split+1 ..< count.
        let steps = min(split - first, count - split - 1)
        let invN = lane0.invN
        var anchor = SIMD2(lane0.anchor, lane1.anchor)
        var s1 = SIMD2(lane0.s1, lane1.s1)
        var s2 = SIMD2(lane0.s2, lane1.s2)
        var countdown0 = lane0.countdown, countdown1 = lane1.countdown
        let gap = split + 1 - first
        // Pointers rather than indices: no overflow checks in the loop.
        var newest0 = base + first
        let stop = newest0 + steps
        var slot0 = o + first
        while newest0 < stop {
            let newest1 = newest0 + gap
            let d = SIMD2(newest0.pointee, newest1.pointee) - anchor
            let s1In = s1 + d
            let mean = invN * s1In
            let s2In = s2 + d * d
            let variance = invN * s2In - mean * mean
            let dOld = SIMD2((newest0 - (period - 1)).pointee, (newest1 - (period - 1)).pointee) - anchor
            let oo = dOld * dOld
            let s2Out = s2In - oo
            if min(countdown0, countdown1) > 1
                && !Lanes.anyGreater(invN * s2Out * 1e-6, variance, or: oo, s2Out * 1e6) {
                countdown0 &-= 1
                countdown1 &-= 1
                s2 = s2Out
                s1 = s1In - dOld
                let v = finish(variance)
                slot0.pointee = v.x
                (slot0 + gap).pointee = v.y
            } else {
                // A lane re-anchors: each lane one bar the scalar way.
                lane0.anchor = anchor.x; lane0.s1 = s1.x; lane0.s2 = s2.x; lane0.countdown = countdown0
                lane1.anchor = anchor.y; lane1.s1 = s1.y; lane1.s2 = s2.y; lane1.countdown = countdown1
                let t0 = newest0 - base
                slide(base, from: t0, to: t0 + 1, period: period, &lane0, o, finish: finish)
                slide(base, from: t0 + gap, to: t0 + gap + 1, period: period, &lane1, o, finish: finish)
                anchor = SIMD2(lane0.anchor, lane1.anchor)
                s1 = SIMD2(lane0.s1, lane1.s1)
                s2 = SIMD2(lane0.s2, lane1.s2)
                countdown0 = lane0.countdown
                countdown1 = lane1.countdown
            }
            newest0 += 1
            slot0 += 1
        }
        let t0 = newest0 - base
        lane0.anchor = anchor.x; lane0.s1 = s1.x; lane0.s2 = s2.x; lane0.countdown = countdown0
        lane1.anchor = anchor.y; lane1.s1 = s1.y; lane1.s2 = s2.y; lane1.countdown = countdown1
        // The longer lane finishes alone.
        slide(base, from: t0, to: split, period: period, &lane0, o, finish: finish)
        slide(base, from: t0 + gap, to: count, period: period, &lane1, o, finish: finish)
        // Lane 1 holds only if lane 0 re-anchors at `split` (its countdown runs out there).
        if lane0.countdown != 1 {
            slide(base, from: split, to: count, period: period, &lane0, o, finish: finish)
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

#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Beta, TA-Lib C 0.8's `BETA`: the least-squares slope of the returns of `real1` against
/// those of `real0` over the last `timeperiod` returns (`timeperiod + 1` prices),
/// `β = (n·Σxy − Σx·Σy) / (n·Σx² − (Σx)²)` with `x = Δreal0/real0`, `y = Δreal1/real1`;
/// a return is 0 when its base price is exactly 0.0, and β is 0 unless the denominator
/// exceeds `1e-14 · n·Σx²`.
///
/// As for ``CORREL``, TA-Lib 0.8 (unlike its older source, which keeps plain running sums)
/// sums the returns' deviations from an anchor: first the very first return, then, at every
/// re-anchoring, the mean return of the window, after which the window is recomputed oldest
/// first and a negative denominator is clamped to 0. It re-anchors, before the new return's
/// cross product enters the sums, when
/// - the denominator has lost more than 6 digits (`1e-6 · n·Σx² > n·Σx² − (Σx)²`),
/// - the x (then the y) deviation that left the window last outweighs the remaining sum of
///   squares by 1000 (`d² > 1000 · Σd²`, checked after the new square entered), or
/// - `32 · timeperiod` outputs passed since the last re-anchoring (output index ≡ −1 mod
///   32·n when nothing else intervenes).
/// The oldest return then leaves the sums after β is computed. A NaN price therefore makes
/// β 0 (the `>` test fails) until the next counted re-anchoring whose window is clean.
/// (Read off the TA-Lib C 0.8.1 binary the fixtures come from; the constants are its own.)
///
/// Speed: TA-Lib divides five times per bar (each return twice, entering and leaving, and β).
/// The batch computes each bar's pair of returns once, in one packed division, and keeps them
/// in a ring until they leave; the x and y halves of the sums run as the two lanes of
/// `SIMD2<Double>`; and β of two bars takes one packed division. Every lane runs the same IEEE
/// operations as the stream's scalar ones, so batch and stream agree bit for bit.
enum BETA {
    static func lookback(_ period: Int) -> Int { period }

    /// The return of `price` over `base`, 0 when `base` is exactly 0.0 (NaN flows through).
    @inline(__always)
    static func change(_ price: Double, from base: Double) -> Double {
        base == 0.0 ? 0.0 : (price - base) / base
    }

    /// The returns of both series at once, lane for lane ``change(_:from:)`` (one packed
    /// division for the pair).
    @inline(__always)
    static func changes(_ price: SIMD2<Double>, from base: SIMD2<Double>) -> SIMD2<Double> {
        #if arch(x86_64)
        // +0.0 where the base is 0.0 (`andnpd` with the `cmpeqpd` mask).
        return _mm_andnot_pd(_mm_cmpeq_pd(base, SIMD2(repeating: 0.0)), _mm_div_pd(_mm_sub_pd(price, base), base))
        #else
        var r = (price - base) / base
        r.replace(with: 0.0, where: base .== 0.0)
        return r
        #endif
    }

    /// One bar's β before the division: `numerator / denominator`, or 0 where the denominator
    /// is NaN (the `> 1e-14 · n·Σx²` test failed; a denominator that passes is never NaN).
    struct Ratio {
        var numerator: Double
        var denominator: Double
    }

    /// β of one bar (the scalar form of ``betas(_:_:)``).
    @inline(__always)
    static func beta(_ q: Ratio) -> Double {
        q.denominator.isNaN ? 0.0 : q.numerator / q.denominator
    }

    /// β of two bars with one packed division, lane for lane ``beta(_:)``.
    @inline(__always)
    static func betas(_ a: Ratio, _ b: Ratio) -> SIMD2<Double> {
        let denominator = SIMD2(a.denominator, b.denominator)
        let numerator = SIMD2(a.numerator, b.numerator)
        #if arch(x86_64)
        return _mm_and_pd(_mm_cmpord_pd(denominator, denominator), _mm_div_pd(numerator, denominator))
        #else
        var r = numerator / denominator
        r.replace(with: 0.0, where: denominator .!= denominator)
        return r
        #endif
    }

    /// The sums of the window about its mean returns, computed oldest first (TA-Lib's
    /// re-anchoring); the denominator is clamped at 0.
    struct Refit {
        var anchor: SIMD2<Double>
        var s: SIMD2<Double>
        var ss: SIMD2<Double>
        var sxy: Double
        var nsxx: Double
        var denominator: Double
        var leaving: SIMD2<Double>
    }

    /// Free of the running state, so the batch loop keeps that in registers.
    /// `window(0)` (oldest) … `window(period)` (newest) are the window's prices.
    @inline(__always)
    static func refit(period: Int, n: Double, window: (Int) -> SIMD2<Double>) -> Refit {
        var total = SIMD2<Double>(0, 0)
        var previous = window(0)
        for j in 1...period {
            let p = window(j)
            // A zero base contributes nothing (not even a +0.0).
            if previous.x != 0.0 { total.x += (p.x - previous.x) / previous.x }
            if previous.y != 0.0 { total.y += (p.y - previous.y) / previous.y }
            previous = p
        }
        let anchor = total / n
        var sums = SIMD2<Double>(0, 0), squares = SIMD2<Double>(0, 0), cross = 0.0
        previous = window(0)
        for j in 1...period {
            let p = window(j)
            let d = changes(p, from: previous) - anchor
            sums += d
            squares += d * d
            cross += d.x * d.y
            previous = p
        }
        let nsxx = n * squares.x
        var denominator = nsxx - sums.x * sums.x
        if denominator < 0 { denominator = 0 }
        return Refit(anchor: anchor, s: sums, ss: squares, sxy: cross, nsxx: nsxx, denominator: denominator,
                     leaving: changes(window(1), from: window(0)))
    }

    /// The anchored sums, shared by batch and stream so both run the same operations; the
    /// (x, y) halves run as the two lanes of `SIMD2<Double>`.
    struct State {
        let period: Int
        let n: Double
        let resyncEvery: Int
        var anchor = SIMD2<Double>(0, 0)
        var s = SIMD2<Double>(0, 0)
        var ss = SIMD2<Double>(0, 0)
        var sxy = 0.0
        /// Squared deviations of the returns removed last, for the dominance tests.
        var removed2 = SIMD2<Double>(0, 0)
        var countdown: Int

        init(period: Int) {
            self.period = period
            n = Double(period)
            resyncEvery = period << 5
            countdown = period << 5
        }

        /// The first return (from the first two prices) is the first anchor.
        mutating func setAnchors(_ firstReturn: SIMD2<Double>) {
            anchor = firstReturn
        }

        /// One of the first `period − 1` returns.
        @inline(__always)
        mutating func prime(_ r: SIMD2<Double>) {
            let d = r - anchor
            ss += d * d
            s += d
            sxy += d.x * d.y
        }

        /// The return `r` enters, β's ratio is taken and the return `leaving` (the window's
        /// oldest) leaves. `window(0)` (oldest) … `window(period)` (newest) are the window's prices.
        @inline(__always)
        mutating func step(_ r: SIMD2<Double>, leaving: SIMD2<Double>, window: (Int) -> SIMD2<Double>) -> Ratio {
            let d = r - anchor
            let sIn = s + d
            let ssIn = ss + d * d
            let nsxx = n * ssIn.x
            let denominator = nsxx - sIn.x * sIn.x
            // TA-Lib tests precision and the x dominance, then the y dominance, then the
            // countdown; any of them re-anchors, which recomputes every sum.
            countdown &-= 1
            if 1e-6 * nsxx > denominator || Lanes.anyGreater(removed2, 1000.0 * ssIn, or: removed2, 1000.0 * ssIn)
                || countdown == 0 {
                return resync(window)
            }
            let sxyIn = sxy + d.x * d.y
            return finish(nsxx: nsxx, denominator: denominator, s: sIn, ss: ssIn, sxy: sxyIn, leaving: leaving)
        }

        @inline(__always)
        private mutating func resync(_ window: (Int) -> SIMD2<Double>) -> Ratio {
            let fresh = BETA.refit(period: period, n: n, window: window)
            anchor = fresh.anchor
            countdown = resyncEvery
            return finish(nsxx: fresh.nsxx, denominator: fresh.denominator, s: fresh.s, ss: fresh.ss, sxy: fresh.sxy,
                          leaving: fresh.leaving)
        }

        /// β's ratio, then the oldest return leaves the sums.
        @inline(__always)
        private mutating func finish(nsxx: Double, denominator: Double, s sIn: SIMD2<Double>, ss ssIn: SIMD2<Double>,
                                     sxy sxyIn: Double, leaving: SIMD2<Double>) -> Ratio {
            let td = leaving - anchor
            let numerator = sxyIn * n - sIn.x * sIn.y
            let valid = denominator > nsxx * 1e-14
            let td2 = td * td
            s = sIn - td
            sxy = sxyIn - td.x * td.y
            ss = ssIn - td2
            removed2 = td2
            return Ratio(numerator: numerator, denominator: valid ? denominator : .nan)
        }
    }

    static func batch(_ real0: UnsafeBufferPointer<Double>, _ real1: UnsafeBufferPointer<Double>, period: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let count = real0.count
        guard count > period, let x = real0.baseAddress, let y = real1.baseAddress, let o = out.baseAddress else { return }
        @inline(__always) func price(_ i: Int) -> SIMD2<Double> { SIMD2(x[i], y[i]) }
        // The returns of the window, a ring: return j (from prices j−1, j) in slot j mod period,
        // computed once (TA-Lib divides again when it leaves).
        let ring = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: period)
        defer { ring.deallocate() }
        var state = State(period: period)
        state.setAnchors(changes(price(1), from: price(0)))
        var slot = 1 % period
        for i in 1..<period {
            let r = changes(price(i), from: price(i - 1))
            state.prime(r)
            ring[slot] = r
            slot += 1
        }
        if slot == period { slot = 0 }
        // Bar t: return t enters into slot t mod period (return t − period is dead), then
        // the next slot holds return t − period + 1, the one leaving.
        var t = period
        while t + 1 < count {
            let r0 = changes(price(t), from: price(t - 1))
            ring[slot] = r0
            slot = slot + 1 == period ? 0 : slot + 1
            let start0 = t - period
            let a = state.step(r0, leaving: ring[slot]) { price(start0 + $0) }
            let r1 = changes(price(t + 1), from: price(t))
            ring[slot] = r1
            slot = slot + 1 == period ? 0 : slot + 1
            let start1 = start0 + 1
            let b = state.step(r1, leaving: ring[slot]) { price(start1 + $0) }
            let q = betas(a, b)
            o[t] = q.x
            o[t + 1] = q.y
            t += 2
        }
        if t < count {
            let r = changes(price(t), from: price(t - 1))
            ring[slot] = r
            slot = slot + 1 == period ? 0 : slot + 1
            let start = t - period
            o[t] = beta(state.step(r, leaving: ring[slot]) { price(start + $0) })
        }
    }

    /// The same state over rings of the last `timeperiod + 1` prices: O(1) per bar, plus an
    /// O(timeperiod) re-anchoring every `32 · timeperiod` bars (or when a test asks for it).
    struct Stream: FeatureStream {
        var state: State
        var prices0: RingBuffer
        var prices1: RingBuffer

        init(period: Int) {
            state = State(period: period)
            prices0 = RingBuffer(capacity: period + 1)
            prices1 = RingBuffer(capacity: period + 1)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(inputs[0], inputs[1])
        }

        mutating func next(_ price0: Double, _ price1: Double) -> Double {
            let previous0 = prices0.count > 0 ? prices0.newest : .nan
            let previous1 = prices1.count > 0 ? prices1.newest : .nan
            prices0.append(price0)
            prices1.append(price1)
            let r = changes(SIMD2(price0, price1), from: SIMD2(previous0, previous1))
            if prices0.count == 2 { state.setAnchors(r) }
            if prices0.isFull {
                let w0 = prices0, w1 = prices1
                let leaving = changes(SIMD2(w0[1], w1[1]), from: SIMD2(w0[0], w1[0]))
                return beta(state.step(r, leaving: leaving) { SIMD2(w0[$0], w1[$0]) })
            }
            if prices0.count >= 2 { state.prime(r) }
            return .nan
        }
    }
}

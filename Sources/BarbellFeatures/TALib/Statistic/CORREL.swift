#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Pearson's correlation coefficient of `real0` and `real1` over `timeperiod` bars, TA-Lib C
/// 0.8's `CORREL`: `r = cov / sqrt(varX·varY)` from running sums of deviations from anchors,
/// clamped to [−1, 1], and 0 when either variance is below `1e-14 ·` its sum of squares.
///
/// As for ``VAR``, TA-Lib 0.8 anchors the sums (first at the first bar's values) and re-anchors
/// to the window means, recomputing the window oldest first, when a variance has lost more
/// than 6 digits, when the pair that just left the window outweighed the remaining sum of
/// squares by 1e6, or every `32 · timeperiod` bars. A NaN input therefore gives 0 (every
/// comparison fails) until the next counted re-anchoring. (Read off the TA-Lib C 0.8.1 binary
/// the fixtures come from; its older source uses plain running sums.)
///
/// Speed: the x and y halves of the sums run as the two lanes of `SIMD2<Double>` (packed SSE2,
/// each lane the same IEEE operations as TA-Lib's scalar code), and the batch takes the root
/// and the quotient of two bars at once (packed `sqrtpd`/`divpd`, twice the throughput of the
/// scalar divider TA-Lib waits on). The stream runs the same ``State/step(_:oldest:window:)``
/// and the same final operations one lane at a time, so batch and stream agree bit for bit.
enum CORREL {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// One bar's ingredients: `product = varX·varY` when the coefficient is defined (both
    /// variances above their thresholds and the product positive), else 0; and `cov`.
    struct Moments {
        var product: Double
        var cov: Double
    }

    struct State {
        let period: Int
        let invN: Double
        let resyncEvery: Int
        /// (x, y) lanes throughout.
        var anchor = SIMD2<Double>(0, 0)
        var s = SIMD2<Double>(0, 0)
        var ss = SIMD2<Double>(0, 0)
        var sxy = 0.0
        /// Squared deviations of the pair removed last, for the dominance test.
        var removed2 = SIMD2<Double>(0, 0)
        var countdown: Int

        init(period: Int) {
            self.period = period
            invN = 1.0 / Double(period)
            resyncEvery = period << 5
            countdown = period << 5
        }

        @inline(__always)
        mutating func prime(_ v: SIMD2<Double>, first: Bool) {
            if first { anchor = v }
            let d = v - anchor
            s += d
            ss += d * d
            sxy += d.x * d.y
        }

        /// The pair `v` enters, the moments of the window are taken, and the pair `oldest`
        /// leaves. `window(i)` is the window's pair `i`, 0 the oldest (`oldest`); the newest is `v`.
        @inline(__always)
        mutating func step(_ v: SIMD2<Double>, oldest: SIMD2<Double>, window: (Int) -> SIMD2<Double>) -> Moments {
            let d = v - anchor
            let sIn = s + d
            let ssIn = ss + d * d
            let variance = ssIn - sIn * sIn * invN
            // TA-Lib tests the x variance, then the y variance, then the two dominance
            // conditions, then the countdown; any of them re-anchors, which recomputes every sum,
            // so the order does not matter.
            countdown &-= 1
            if Lanes.anyGreater(1e-6 * ssIn, variance, or: removed2, 1e6 * ssIn) || countdown == 0 { return resync(window) }
            let sxyIn = d.x * d.y + sxy
            let cov = sxyIn - sIn.x * sIn.y * invN
            return finish(variance: variance, cov: cov, s: sIn, ss: ssIn, sxy: sxyIn, oldest: oldest)
        }

        /// Re-anchors to the window means and recomputes the window, oldest first.
        @inline(__always)
        private mutating func resync(_ window: (Int) -> SIMD2<Double>) -> Moments {
            let fresh = CORREL.refit(period: period, invN: invN, window: window)
            anchor = fresh.anchor
            countdown = resyncEvery
            return finish(variance: fresh.variance, cov: fresh.cov, s: fresh.s, ss: fresh.ss, sxy: fresh.sxy, oldest: window(0))
        }

        /// The moments, then the oldest pair leaves the sums.
        @inline(__always)
        private mutating func finish(variance: SIMD2<Double>, cov: Double, s sIn: SIMD2<Double>, ss ssIn: SIMD2<Double>,
                                     sxy sxyIn: Double, oldest: SIMD2<Double>) -> Moments {
            let td = oldest - anchor
            var product = 0.0
            if variance.x > 1e-14 * ssIn.x && variance.y > 1e-14 * ssIn.y {
                let p = variance.x * variance.y
                if p > 0 { product = p }
            }
            let td2 = td * td
            s = sIn - td
            ss = ssIn - td2
            sxy = sxyIn - td.x * td.y
            removed2 = td2
            return Moments(product: product, cov: cov)
        }
    }

    /// The coefficient of one bar's moments (the scalar form of ``coefficients(_:_:)``).
    @inline(__always)
    static func coefficient(_ m: Moments) -> Double {
        guard m.product > 0 else { return 0 }
        let r = m.cov / m.product.squareRoot()
        return r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r)
    }

    /// The coefficients of two bars in packed operations, lane for lane those of ``coefficient(_:)``.
    @inline(__always)
    static func coefficients(_ a: Moments, _ b: Moments) -> SIMD2<Double> {
        let product = SIMD2(a.product, b.product)
        let cov = SIMD2(a.cov, b.cov)
        #if arch(x86_64)
        // `minpd(1, r)` is `1 < r ? 1 : r` and `maxpd(−1, r)` is `−1 > r ? −1 : r` (NaN stays),
        // exactly the scalar clamp; the mask keeps r where `product > 0`, else +0.0.
        let r = _mm_div_pd(cov, _mm_sqrt_pd(product))
        let clamped = _mm_max_pd(SIMD2(repeating: -1.0), _mm_min_pd(SIMD2(repeating: 1.0), r))
        return _mm_and_pd(_mm_cmpgt_pd(product, SIMD2(repeating: 0.0)), clamped)
        #else
        var r = cov / product.squareRoot()
        r.replace(with: 1.0, where: r .> 1.0)
        r.replace(with: -1.0, where: r .< -1.0)
        r.replace(with: 0.0, where: .!(product .> 0))
        return r
        #endif
    }

    /// The sums of the window about its means, computed oldest first (TA-Lib's re-anchoring).
    struct Refit {
        var anchor: SIMD2<Double>
        var s: SIMD2<Double>
        var ss: SIMD2<Double>
        var sxy: Double
        var variance: SIMD2<Double>
        var cov: Double
    }

    /// Free of the running state, so the batch loop keeps that in registers.
    @inline(__always)
    static func refit(period: Int, invN: Double, window: (Int) -> SIMD2<Double>) -> Refit {
        var total = SIMD2<Double>(0, 0)
        for i in 0..<period { total += window(i) }
        let anchor = total * invN
        var sums = SIMD2<Double>(0, 0), squares = SIMD2<Double>(0, 0), cross = 0.0
        for i in 0..<period {
            let d = window(i) - anchor
            sums += d
            squares += d * d
            cross += d.x * d.y
        }
        var variance = squares - sums * sums * invN
        let cov = cross - sums.y * sums.x * invN
        variance.replace(with: 0, where: variance .< 0)
        return Refit(anchor: anchor, s: sums, ss: squares, sxy: cross, variance: variance, cov: cov)
    }

    static func batch(_ real0: UnsafeBufferPointer<Double>, _ real1: UnsafeBufferPointer<Double>, period: Int,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let count = real0.count
        guard count >= period, let x = real0.baseAddress, let y = real1.baseAddress, let o = out.baseAddress else { return }
        var state = State(period: period)
        for i in 0..<(period - 1) { state.prime(SIMD2(x[i], y[i]), first: i == 0) }
        // Two bars per iteration: the sums advance bar by bar, the root and the division of
        // both bars run packed.
        var t = period - 1
        while t + 1 < count {
            let s0 = t - period + 1
            let a = state.step(SIMD2(x[t], y[t]), oldest: SIMD2(x[s0], y[s0])) { SIMD2(x[s0 + $0], y[s0 + $0]) }
            let s1 = s0 + 1
            let b = state.step(SIMD2(x[t + 1], y[t + 1]), oldest: SIMD2(x[s1], y[s1])) { SIMD2(x[s1 + $0], y[s1 + $0]) }
            let r = coefficients(a, b)
            o[t] = r.x
            o[t + 1] = r.y
            t += 2
        }
        if t < count {
            let s0 = t - period + 1
            o[t] = coefficient(state.step(SIMD2(x[t], y[t]), oldest: SIMD2(x[s0], y[s0])) { SIMD2(x[s0 + $0], y[s0 + $0]) })
        }
    }

    struct Stream: FeatureStream {
        var state: State
        var window0: RingBuffer
        var window1: RingBuffer

        init(period: Int) {
            state = State(period: period)
            window0 = RingBuffer(capacity: period)
            window1 = RingBuffer(capacity: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(inputs[0], inputs[1])
        }

        mutating func next(_ a: Double, _ b: Double) -> Double {
            let seen = window0.count
            window0.append(a)
            window1.append(b)
            guard window0.isFull else {
                state.prime(SIMD2(a, b), first: seen == 0)
                return .nan
            }
            let w0 = window0, w1 = window1
            return coefficient(state.step(SIMD2(a, b), oldest: SIMD2(w0[0], w1[0])) { SIMD2(w0[$0], w1[$0]) })
        }
    }
}

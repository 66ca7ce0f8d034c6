#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Kaufman adaptive moving average (Kaufman, *Smarter Trading*, 1995) as `TA_KAMA` computes it:
/// an EMA whose factor is `(ER·(2/3 − 2/31) + 2/31)²`, with the efficiency ratio
/// `ER = |x[t] − x[t−period]| / Σ|x[i] − x[i−1]|` over the window (1 when the net change is at
/// least the path length or the path is ~0). The average starts from the previous input.
enum KAMA {
    static func lookback(_ period: Int) -> Int { period }

    static let slowest = 2.0 / (30.0 + 1.0)
    static let range = 2.0 / (2.0 + 1.0) - slowest

    /// The squared smoothing constant for a net change `periodROC` over a path `pathLength`.
    /// The comparison uses the signed change, exactly as TA-Lib does.
    @inline(__always)
    static func smoothing(periodROC: Double, pathLength: Double) -> Double {
        // The quotient is taken either way so the choice compiles to a select, not a branch.
        let quotient = abs(periodROC / pathLength)
        let saturated = pathLength <= periodROC || (-1e-14 < pathLength && pathLength < 1e-14)
        var ratio = saturated ? 1.0 : quotient
        ratio = ratio * range + slowest
        return ratio * ratio
    }

    /// ``smoothing(periodROC:pathLength:)`` for two bars at once, bit for bit the same: one
    /// packed division in place of two (the division's throughput bounds the scalar loop).
    @inline(__always)
    static func smoothing(periodROC: SIMD2<Double>, pathLength: SIMD2<Double>) -> SIMD2<Double> {
        let quotient = Lanes.magnitude(periodROC / pathLength)
        #if arch(x86_64)
        let saturated = _mm_or_pd(
            _mm_cmple_pd(pathLength, periodROC),
            _mm_cmplt_pd(Lanes.magnitude(pathLength), SIMD2(repeating: 1e-14)))
        let ratio = _mm_or_pd(_mm_and_pd(saturated, SIMD2(repeating: 1.0)), _mm_andnot_pd(saturated, quotient))
        #else
        let saturated = (pathLength .<= periodROC) .| (Lanes.magnitude(pathLength) .< 1e-14)
        let ratio = quotient.replacing(with: 1.0, where: saturated)
        #endif
        let scaled = ratio * range + slowest
        return scaled * scaled
    }

    /// One step of the average after the first output. TA-Lib writes `(x − kama)·sc + kama`;
    /// this grouping keeps one multiply and one add on the loop-carried path (TA-Lib's own FMA
    /// build gets the same from a fused multiply-add) and differs from it by a few ulps.
    @inline(__always)
    static func step(_ kama: Double, value: Double, smoothing sc: Double) -> Double {
        kama * (1 - sc) + sc * value
    }

    // The batch loop runs three stages a fixed distance apart over the output buffer:
    // stage A advances the path length (in TA-Lib's exact order, which decides the saturated
    // and near-zero cases) and parks it in `out`; stage B, `lead` bars behind, turns two parked
    // path lengths into smoothing constants with one packed division; stage C, `lead` bars
    // further behind, runs the average. The stages share no registers, so the path chain, the
    // divisions and the average overlap instead of queueing behind one another.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = x.count
        guard n > period else { return }
        let xp = x.baseAddress!, op = out.baseAddress!
        var pathLength = 0.0
        for i in 0..<period { pathLength += abs(xp[i] - xp[i + 1]) }
        var kama = xp[period - 1]
        kama = (xp[period] - kama) * smoothing(periodROC: xp[period] - xp[0], pathLength: pathLength) + kama
        op[period] = kama
        let end = xp + n
        let lead = 16
        var aX = xp + period + 1, aOut = op + period + 1
        var trailingValue = xp[0]
        @inline(__always) func advancePath() {
            let trailing = (aX - period).pointee
            pathLength -= abs(trailingValue - trailing)
            pathLength += abs(aX.pointee - (aX - 1).pointee)
            trailingValue = trailing
            aOut.pointee = pathLength
            aX += 1
            aOut += 1
        }
        var bX = aX, bOut = aOut
        @inline(__always) func smoothPair() {
            let roc = Lanes.load(bX) - Lanes.load(bX - period)
            Lanes.store(smoothing(periodROC: roc, pathLength: Lanes.load(bOut)), bOut)
            bX += 2
            bOut += 2
        }
        var cX = aX, cOut = aOut
        @inline(__always) func average() {
            kama = step(kama, value: cX.pointee, smoothing: cOut.pointee)
            cOut.pointee = kama
            cX += 1
            cOut += 1
        }
        while aX + 1 < end && aX < cX + 2 * lead {
            advancePath()
            advancePath()
            if aX - bX > lead { smoothPair() }
        }
        while aX + 1 < end {
            advancePath()
            advancePath()
            smoothPair()
            average()
            average()
        }
        while aX < end { advancePath() }
        while bX < end {
            bOut.pointee = smoothing(periodROC: bX.pointee - (bX - period).pointee, pathLength: bOut.pointee)
            bX += 1
            bOut += 1
        }
        while cX < end { average() }
    }

    struct Stream: ScalarFeatureStream {
        let period: Int
        /// The last `period + 2` inputs, enough to drop the oldest one-bar change.
        var window: RingBuffer
        var pathLength = 0.0
        var kama = 0.0

        init(period: Int) {
            self.period = period
            self.window = RingBuffer(capacity: period + 2)
        }

        mutating func next(_ x: Double) -> Double {
            let count = window.count
            if count > 0 && count <= period {
                // The first window's path, one change per arriving value, oldest first.
                pathLength += abs(window.newest - x)
            }
            window.append(x)
            if count < period { return .nan }
            if count == period {
                kama = window[period - 1]
                kama = (x - kama) * KAMA.smoothing(periodROC: x - window[0], pathLength: pathLength) + kama
                return kama
            }
            // window holds x[t-period-1 ... t].
            let trailing = window[1]
            pathLength -= abs(window[0] - trailing)
            pathLength += abs(x - window[period])
            kama = KAMA.step(kama, value: x, smoothing: KAMA.smoothing(periodROC: x - trailing, pathLength: pathLength))
            return kama
        }
    }
}

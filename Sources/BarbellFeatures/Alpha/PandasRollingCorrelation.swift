import Foundation

/// pandas' rolling correlation (`roll_corr`, pandas 3.1) with `min_periods=1`, the kernel behind
/// Qlib's `Corr`.
///
/// Pairs with a NaN on either side are skipped. The accumulators are anchored at the first value
/// of the window (so a shared offset cancels exactly), updated with Welford's co-moment
/// recurrence, and rebuilt from the window whenever a sum of squares or the co-moment has shrunk
/// to round-off relative to the largest deviation seen, exactly as pandas does. The result is
/// clamped to [-1, 1]; a window with no spread on either side is NaN.
struct PandasRollingCorrelation: Sendable {
    private var observations = 0.0
    private var meanX = 0.0, meanY = 0.0
    private var originX = 0.0, originY = 0.0
    private var comoment = 0.0, m2X = 0.0, m2Y = 0.0
    private var peakX = 0.0, peakY = 0.0
    private var unstable = false
    private var started = false

    private static let inverseConditionTolerance = Double.ulpOfOne * 1e3
    private static let maxOriginMagnitude = Double.greatestFiniteMagnitude.squareRoot()

    @inline(__always)
    private mutating func trackAndCheck(_ sx: Double, _ sy: Double) {
        let dx = abs(sx - meanX), dy = abs(sy - meanY)
        if dx > peakX { peakX = dx }
        if dy > peakY { peakY = dy }
        if comoment.isNaN || m2X.isNaN || m2Y.isNaN {
            unstable = true
            return
        }
        let tol = Self.inverseConditionTolerance
        if peakX * peakY * tol > abs(comoment) || peakX * peakX * tol > m2X || peakY * peakY * tol > m2Y {
            unstable = true
        }
    }

    @inline(__always)
    private mutating func add(_ x: Double, _ y: Double) {
        guard !x.isNaN, !y.isNaN else { return }
        observations += 1
        if observations == 1 {
            originX = abs(x) < Self.maxOriginMagnitude ? x : 0
            originY = abs(y) < Self.maxOriginMagnitude ? y : 0
        }
        let sx = x - originX, sy = y - originY
        let dx = sx - meanX, dy = sy - meanY
        meanX += dx / observations
        meanY += dy / observations
        comoment += (sx - meanX) * dy
        m2X += (sx - meanX) * dx
        m2Y += (sy - meanY) * dy
        trackAndCheck(sx, sy)
    }

    @inline(__always)
    private mutating func remove(_ x: Double, _ y: Double) {
        guard !x.isNaN, !y.isNaN else { return }
        let sx = x - originX, sy = y - originY
        let dx = sx - meanX, dy = sy - meanY
        observations -= 1
        if observations != 0 {
            meanX -= dx / observations
            meanY -= dy / observations
            comoment -= (sx - meanX) * dy
            m2X -= (sx - meanX) * dx
            m2Y -= (sy - meanY) * dy
            trackAndCheck(sx, sy)
        } else {
            meanX = 0; meanY = 0; originX = 0; originY = 0
            comoment = 0; m2X = 0; m2Y = 0; peakX = 0; peakY = 0
            unstable = false
        }
    }

    /// Slides a `window`-bar window over two pandas-clean histories (newest at lag 0).
    @inline(__always)
    mutating func slide<H: LagSource>(_ xs: H, _ ys: H, window: Int, available: Int) {
        if started {
            if available > window { remove(xs.lag(window), ys.lag(window)) }
            add(xs.lag(0), ys.lag(0))
        }
        if !started || unstable { rebuild(xs, ys, window: window, available: available) }
    }

    /// pandas' recompute of the whole window from scratch; nothing of the previous state is kept.
    private mutating func rebuild<H: LagSource>(_ xs: H, _ ys: H, window: Int, available: Int) {
        started = true
        observations = 0; meanX = 0; meanY = 0; comoment = 0; m2X = 0; m2Y = 0
        originX = 0; originY = 0; peakX = 0; peakY = 0
        var k = min(window, available) - 1
        while k >= 0 {
            add(xs.lag(k), ys.lag(k))
            k -= 1
        }
        unstable = false
    }

    /// `Corr(x, y, N)` before Qlib's constant-window mask.
    var correlation: Double {
        let parts = correlationParts
        return Self.correlation(comoment: parts.comoment, product: parts.product)
    }

    /// ``correlation`` still to finish: the co-moment and the product of the two sums of squared
    /// deviations (NaN and NaN for a window without a correlation), so the batch engine can take
    /// the square roots and divisions of a whole chunk after the window updates.
    var correlationParts: (comoment: Double, product: Double) {
        guard observations > 0, m2X != 0, m2Y != 0 else { return (.nan, .nan) }
        return (comoment, m2X * m2Y)
    }

    @inline(__always)
    static func correlation(comoment: Double, product: Double) -> Double {
        guard !product.isNaN else { return .nan }
        let value = comoment / cPowHalf(product)
        if value > 1 { return 1 }
        if value < -1 { return -1 }
        return value
    }
}

extension PandasRollingCorrelation {
    /// Two windows over one pair of series as the lanes of `SIMD2`s, each lane bit for bit the
    /// scalar ``PandasRollingCorrelation`` (the same operations in the same order), as
    /// ``PandasRollingVariance/Pair`` does for the variance: Alpha158's five windows then run as
    /// three chains of dependent divisions in one loop. Warm-up and NaNs run the scalar code on
    /// the lanes; a lane that needs pandas' rebuild is rebuilt from its window.
    struct Pair: Sendable {
        private var observations: SIMD2<Double>
        private var meanX: SIMD2<Double>, meanY: SIMD2<Double>
        private var originX: SIMD2<Double>, originY: SIMD2<Double>
        private var comoment: SIMD2<Double>, m2X: SIMD2<Double>, m2Y: SIMD2<Double>
        private var peakX: SIMD2<Double>, peakY: SIMD2<Double>
        private var started: (Bool, Bool)

        init(_ a: PandasRollingCorrelation, _ b: PandasRollingCorrelation) {
            observations = SIMD2(a.observations, b.observations)
            meanX = SIMD2(a.meanX, b.meanX); meanY = SIMD2(a.meanY, b.meanY)
            originX = SIMD2(a.originX, b.originX); originY = SIMD2(a.originY, b.originY)
            comoment = SIMD2(a.comoment, b.comoment); m2X = SIMD2(a.m2X, b.m2X); m2Y = SIMD2(a.m2Y, b.m2Y)
            peakX = SIMD2(a.peakX, b.peakX); peakY = SIMD2(a.peakY, b.peakY)
            started = (a.started, b.started)
            // Both lanes' `unstable` flags are false between slides (a slide clears its own).
        }

        /// Lane `i` as a scalar state.
        func lane(_ i: Int) -> PandasRollingCorrelation {
            var s = PandasRollingCorrelation()
            s.observations = observations[i]
            s.meanX = meanX[i]; s.meanY = meanY[i]
            s.originX = originX[i]; s.originY = originY[i]
            s.comoment = comoment[i]; s.m2X = m2X[i]; s.m2Y = m2Y[i]
            s.peakX = peakX[i]; s.peakY = peakY[i]
            s.started = i == 0 ? started.0 : started.1
            return s
        }

        /// Lane `i`'s ``PandasRollingCorrelation/correlationParts``.
        @inline(__always)
        func correlationParts(_ i: Int) -> (comoment: Double, product: Double) {
            guard observations[i] > 0, m2X[i] != 0, m2Y[i] != 0 else { return (.nan, .nan) }
            return (comoment[i], m2X[i] * m2Y[i])
        }

        /// `trackAndCheck` lane-wise: the lanes whose window must be rebuilt.
        @inline(__always)
        private mutating func track(_ sx: SIMD2<Double>, _ sy: SIMD2<Double>) -> SIMDMask<SIMD2<Int64>> {
            let dx = Lanes.magnitude(sx - meanX), dy = Lanes.magnitude(sy - meanY)
            peakX.replace(with: dx, where: dx .> peakX)
            peakY.replace(with: dy, where: dy .> peakY)
            let tol = PandasRollingCorrelation.inverseConditionTolerance
            // A NaN moment fails every comparison below, so it is flagged on its own.
            let nan = (comoment .!= comoment) .| (m2X .!= m2X) .| (m2Y .!= m2Y)
            return nan .| (peakX * peakY * tol .> Lanes.magnitude(comoment))
                .| (peakX * peakX * tol .> m2X) .| (peakY * peakY * tol .> m2Y)
        }

        /// ``PandasRollingCorrelation/slide(_:_:window:available:)`` for lane windows `windows`.
        @inline(__always)
        mutating func slide(_ xs: ColumnView, _ ys: ColumnView, windows: (Int, Int), available: Int) {
            let x = xs.lag(0), y = ys.lag(0)
            let lx = SIMD2(xs.lag(windows.0), xs.lag(windows.1)), ly = SIMD2(ys.lag(windows.0), ys.lag(windows.1))
            // The steady state: both lanes drop a pair and take a pair, and keep at least one.
            guard started.0, started.1, available > max(windows.0, windows.1), !x.isNaN, !y.isNaN,
                  !lx[0].isNaN, !lx[1].isNaN, !ly[0].isNaN, !ly[1].isNaN,
                  observations[0] > 1, observations[1] > 1 else {
                slideLanes(xs, ys, windows: windows, available: available)
                return
            }
            // remove(lx, ly), lane-wise.
            var sx = lx - originX, sy = ly - originY
            var dx = sx - meanX, dy = sy - meanY
            observations -= 1
            meanX -= dx / observations
            meanY -= dy / observations
            comoment -= (sx - meanX) * dy
            m2X -= (sx - meanX) * dx
            m2Y -= (sy - meanY) * dy
            var unstable = track(sx, sy)
            // add(x, y), lane-wise.
            observations += 1
            sx = SIMD2(repeating: x) - originX
            sy = SIMD2(repeating: y) - originY
            dx = sx - meanX
            dy = sy - meanY
            meanX += dx / observations
            meanY += dy / observations
            comoment += (sx - meanX) * dy
            m2X += (sx - meanX) * dx
            m2Y += (sy - meanY) * dy
            unstable .|= track(sx, sy)
            if any(unstable) { rebuild(xs, ys, windows: windows, available: available, where: unstable) }
        }

        @inline(never)
        private mutating func rebuild(_ xs: ColumnView, _ ys: ColumnView, windows: (Int, Int), available: Int,
                                      where unstable: SIMDMask<SIMD2<Int64>>) {
            var a = lane(0), b = lane(1)
            if unstable[0] { a.rebuild(xs, ys, window: windows.0, available: available) }
            if unstable[1] { b.rebuild(xs, ys, window: windows.1, available: available) }
            self = Pair(a, b)
        }

        @inline(never)
        private mutating func slideLanes(_ xs: ColumnView, _ ys: ColumnView, windows: (Int, Int), available: Int) {
            var a = lane(0), b = lane(1)
            a.slide(xs, ys, window: windows.0, available: available)
            b.slide(xs, ys, window: windows.1, available: available)
            self = Pair(a, b)
        }
    }
}

/// C's `pow(x, 0.5)` (what pandas' Cython `** 0.5` calls), bit for bit, mostly without the libm
/// call (``libmPowHalf(_:)``): glibc's `pow` is within 0.55 ulp of the exact result, so wherever
/// the exact square root lies within 0.45 ulp of the correctly rounded `sqrt(x)` both return that same double. The
/// distance is measured from the exact residual `x - s²` (Dekker's product, no FMA); the rare
/// values near a rounding midpoint, and extreme magnitudes, still go to `pow`.
@inline(__always)
func cPowHalf(_ x: Double) -> Double {
    guard x >= 1e-280 && x <= 1e280 else { return libmPowHalf(x) }
    let s = x.squareRoot()
    let c = 134_217_729.0 * s                  // Veltkamp split of s into 26 + 27 bits
    let hi = c - (c - s)
    let lo = s - hi
    let p = s * s
    let e = ((hi * hi - p) + 2 * hi * lo) + lo * lo       // s·s - p, exactly
    let r = (x - p) - e                        // x - s² (x - p is exact by Sterbenz)
    // exact root - s ≈ r / 2s; the ulp below s is half s.ulp when s is a power of two
    let ulp = s.significandBitPattern == 0 ? s.ulp * 0.5 : s.ulp
    if abs(r) < 0.9 * s * ulp { return s }
    return libmPowHalf(x)
}

/// The libm call itself, kept out of the optimiser's reach: LLVM rewrites a visible
/// `pow(x, 0.5)` as `sqrt(x)`, which differs from glibc's `pow` near rounding midpoints (so
/// release builds would otherwise not match debug builds or pandas bit for bit).
@_optimize(none) @inline(never)
func libmPowHalf(_ x: Double) -> Double { Foundation.pow(x, 0.5) }

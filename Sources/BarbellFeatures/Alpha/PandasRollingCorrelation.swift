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
        if !started || unstable {
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

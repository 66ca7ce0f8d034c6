import Foundation

/// The Black call price in Jäckel's normalised coordinates, the space the implied-volatility
/// solver works in.
///
/// With x = ln(F/K), s = σ√T, h = x/s and t = s/2, the out-of-the-money call price divided by
/// D·√(FK) is b(x, s) = e^{x/2}Φ(h + t) − e^{−x/2}Φ(h − t) for x ≤ 0 (an out-of-the-money put
/// has the same normalised price at −x). It rises from 0 at s = 0 to e^{x/2} as s → ∞, has its
/// only inflection at s_c = √(2|x|), and its derivatives have the closed forms below.
enum NormalisedBlack {
    /// b(x, s) for x ≤ 0. Both terms go through `erfc`, so tiny prices keep relative precision
    /// apart from the cancellation between the two terms (a few digits in the deep wings).
    @inline(__always)
    static func price(_ x: Double, _ s: Double) -> Double {
        let e = exp(0.5 * x)
        return price(x, s, e, 1 / e)
    }

    /// b(x, s) with e^{x/2} and e^{−x/2} precomputed (the solver's loop keeps x fixed).
    @inline(__always)
    static func price(_ x: Double, _ s: Double, _ ePlus: Double, _ eMinus: Double) -> Double {
        let h = x / s, t = 0.5 * s
        return ePlus * StandardNormal.cdf(h + t) - eMinus * StandardNormal.cdf(h - t)
    }

    /// e^{x/2} − b(x, s): the distance to the upper bound, summed from two positive terms so it
    /// stays accurate where b is close to its limit.
    @inline(__always)
    static func complement(_ x: Double, _ s: Double, _ ePlus: Double, _ eMinus: Double) -> Double {
        let h = x / s, t = 0.5 * s
        return ePlus * StandardNormal.survival(h + t) + eMinus * StandardNormal.cdf(h - t)
    }

    /// ∂b/∂s = exp(−(h² + t²)/2)/√(2π), the normalised vega.
    @inline(__always)
    static func vega(_ x: Double, _ s: Double) -> Double {
        let h = x / s, t = 0.5 * s
        return 0.398_942_280_401_432_677_94 * exp(-0.5 * (h * h + t * t))
    }
}

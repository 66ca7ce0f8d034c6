import Foundation

extension SpecialFunctions {
    /// The regularised incomplete beta function Iₓ(a, b), for a, b > 0 and 0 ≤ x ≤ 1.
    public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        incompleteBeta(a, b, x: x, y: 1 - x).lower
    }

    /// 1 − Iₓ(a, b) = I₁₋ₓ(b, a), computed directly (accurate when it is tiny).
    public static func regularizedBetaComplement(_ x: Double, _ a: Double, _ b: Double) -> Double {
        incompleteBeta(a, b, x: x, y: 1 - x).upper
    }

    /// The x with Iₓ(a, b) = p: NaN outside [0, 1], 0 at p = 0 and 1 at p = 1.
    public static func inverseRegularizedBeta(_ p: Double, _ a: Double, _ b: Double) -> Double {
        inverseIncompleteBeta(a, b, lower: p, upper: 1 - p).x
    }

    /// log of xᵃ yᵇ / B(a, b) with y = 1 − x passed separately (so it is exact when small).
    ///
    /// When a or b is large, log B is rebuilt from Stirling's series so that no two large
    /// `lgamma` values are subtracted (their absolute error grows like eps·a·log a).
    static func logBetaPrefactor(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        let logX = x > 0.5 ? log1p(-y) : log(x)
        let logY = y > 0.5 ? log1p(-x) : log(y)
        if a >= stirlingThreshold, b >= stirlingThreshold {
            // a·log(x(a+b)/a) + b·log(y(a+b)/b) with the two linear terms cancelling exactly.
            let s = a + b
            let t1 = (x * b - y * a) / a
            let t2 = (y * a - x * b) / b
            let powers: Double = a * log1pMinusX(t1) + b * log1pMinusX(t2)
            let root: Double = 0.5 * log(a * b / (s * 2 * Double.pi))
            let stirling: Double = stirlingError(a) + stirlingError(b) - stirlingError(s)
            return powers + root - stirling
        }
        let powers: Double = a * logX + b * logY
        if a >= stirlingThreshold { return powers - lgamma(b) + logGammaRatio(a, plus: b) }
        if b >= stirlingThreshold { return powers - lgamma(a) + logGammaRatio(b, plus: a) }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        return powers - logBeta
    }

    /// Iₓ(a, b), 1 − Iₓ(a, b) and dI/dx, each tail accurate, by the continued fraction of
    /// Numerical Recipes §6.4 (modified Lentz) on whichever side of the mean x lies
    /// (x < (a + 1)/(a + b + 2) directly, otherwise through I₁₋ₓ(b, a)).
    static func incompleteBeta(_ a: Double, _ b: Double, x: Double, y: Double) -> (lower: Double, upper: Double, density: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0, x <= 1, y <= 1 else { return (.nan, .nan, .nan) }
        if x == 0 { return (0, 1, a < 1 ? .infinity : (a == 1 ? b : 0)) }
        if y == 0 { return (1, 0, b < 1 ? .infinity : (b == 1 ? a : 0)) }
        let logPrefactor = logBetaPrefactor(a, b, x: x, y: y)
        if logPrefactor < -800 { return x * (a + b) < a ? (0, 1, 0) : (1, 0, 0) }
        let prefactor = exp(logPrefactor)
        let density = exp(logPrefactor - log(x) - log(y))
        // Where the smaller argument times a + b is moderate (one parameter large, the other
        // small, x near the mean: Student t with large ν) the continued fraction needs thousands
        // of terms and drifts; the hypergeometric series has only positive terms there. Its
        // value is kept only when the complement 1 − value is not small (≥ 0.01), so that the
        // subtraction costs at most about seven bits; otherwise the continued fraction below computes
        // the small tail directly.
        if x <= 0.5, x * (a + b) <= seriesLimit {
            let lower = prefactor * betaSeries(a, b, x: x) / a
            if lower <= 0.99 { return (lower, 1 - lower, density) }
        }
        if y <= 0.5, y * (a + b) <= seriesLimit {
            let upper = prefactor * betaSeries(b, a, x: y) / b
            if upper <= 0.99 { return (1 - upper, upper, density) }
        }
        if x * (a + b + 2) < a + 1 {
            let lower = prefactor * betaContinuedFraction(a, b, x: x, y: y) / a
            return (lower, 1 - lower, density)
        }
        let upper = prefactor * betaContinuedFraction(b, a, x: y, y: x) / b
        return (1 - upper, upper, density)
    }

    /// Largest x·(a + b) for which the series is used: its terms peak near n ≈ x(a + b) and then
    /// fall faster than geometrically, so this bounds the work at a few hundred terms.
    static let seriesLimit = 40.0

    /// ₂F₁(a + b, 1; a + 1; x) = Σₙ (a + b)ₙ/(a + 1)ₙ xⁿ, so that
    /// Iₓ(a, b) = xᵃyᵇ/(a·B(a, b)) · ₂F₁ (DLMF 8.17.8); every term is positive.
    static func betaSeries(_ a: Double, _ b: Double, x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var n = 0.0
        while n < 1e6 {
            term *= (a + b + n) / (a + 1 + n) * x
            sum += term
            if term <= 1e-17 * sum { break }
            n += 1
        }
        return sum
    }

    /// The continued fraction for Iₓ(a, b)·a·B(a, b)/(xᵃyᵇ).
    static func betaContinuedFraction(_ a: Double, _ b: Double, x: Double, y: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1e7 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 3e-16 { break }
            m += 1
        }
        return h
    }

    /// The (x, 1 − x) with Iₓ(a, b) = lower and 1 − Iₓ(a, b) = upper, both returned so that a
    /// root near 1 keeps the precision of its distance to 1 (Student t and F quantiles need it).
    ///
    /// If the root lies above ½ the problem is flipped to I_y(b, a) = upper, so the unknown that
    /// is solved for is always the one at most ½; then safeguarded Newton on its logarithm
    /// against the log of the smaller tail, polished by a last step in the unknown itself.
    static func inverseIncompleteBeta(_ a: Double, _ b: Double, lower p: Double, upper q: Double) -> (x: Double, y: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1, q >= 0, q <= 1 else { return (.nan, .nan) }
        if p == 0 { return (0, 1) }
        if q == 0 { return (1, 0) }
        let half = incompleteBeta(a, b, x: 0.5, y: 0.5)
        let flip = p > half.lower
        let (alpha, beta) = flip ? (b, a) : (a, b)
        let (pt, qt) = flip ? (q, p) : (p, q)
        let useLower = pt <= qt
        let target = log(useLower ? pt : qt)
        let residual: (Double) -> (value: Double, slope: Double) = { s in
            let u = exp(s)
            let g = incompleteBeta(alpha, beta, x: u, y: 1 - u)
            if useLower { return (log(g.lower) - target, g.density * u / g.lower) }
            return (target - log(g.upper), g.density * u / g.upper)
        }
        let start = betaQuantileGuess(alpha, beta, p: pt, q: qt)
        let s = solveIncreasing(residual, start: log(min(max(start, 1e-300), 0.5)), lower: logLeastNormal, upper: log(0.5))
        let u = min(polish(s, residual), 0.5)
        return flip ? (1 - u, u) : (u, 1 - u)
    }

    /// A starting point for the beta quantile (Numerical Recipes §6.14): a normal-based
    /// approximation when a, b ≥ 1, the two power-law ends otherwise.
    static func betaQuantileGuess(_ a: Double, _ b: Double, p: Double, q: Double) -> Double {
        if a >= 1, b >= 1 {
            let z = p < 0.5 ? StandardNormal.quantile(p) : -StandardNormal.quantile(q)
            let al = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (al + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5.0 / 6 - 2 / (3 * h))
            let x = a / (a + b * exp(2 * w))
            return x.isFinite ? x : 0.25
        }
        let lna = log(a / (a + b)), lnb = log(b / (a + b))
        let t = exp(a * lna) / a, u = exp(b * lnb) / b
        let w = t + u
        if p < t / w { return exp(log(a * w * p) / a) }
        return 1 - exp(log(b * w * q) / b)
    }
}

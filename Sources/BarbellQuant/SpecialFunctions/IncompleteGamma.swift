import Foundation

extension SpecialFunctions {
    /// The regularised lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a), for a > 0, x ≥ 0.
    ///
    /// NaN for invalid arguments. P(a, ∞) = 1.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double { incompleteGamma(a, x).lower }

    /// The regularised upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly so
    /// that it keeps its relative precision far in the upper tail.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double { incompleteGamma(a, x).upper }

    /// The x with P(a, x) = p: NaN outside [0, 1], 0 at p = 0 and ∞ at p = 1.
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        inverseIncompleteGamma(a, lower: p, upper: 1 - p)
    }

    /// The x with Q(a, x) = q, accurate for tiny q (far upper quantiles).
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        inverseIncompleteGamma(a, lower: 1 - q, upper: q)
    }

    /// log of xᵃ e⁻ˣ / Γ(a), the factor common to the series and the continued fraction.
    ///
    /// For large a it is a·log1pmx((x − a)/a) + ½ log(a/2π) − stirlingError(a), which avoids the
    /// cancellation between a·log x, x and log Γ(a) (each about a·log a).
    static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if a >= stirlingThreshold {
            return a * log1pMinusX((x - a) / a) + 0.5 * log(a / (2 * Double.pi)) - stirlingError(a)
        }
        return a * log(x) - x - lgamma(a)
    }

    /// P(a, x) and Q(a, x) together, each accurate in its own tail, and d P/dx.
    ///
    /// The series for P below x = a + 1, the continued fraction for Q (modified Lentz) above it,
    /// as in Numerical Recipes §6.2; the other tail is 1 minus the computed one, which is then
    /// at least about 0.3 and so keeps its relative precision.
    static func incompleteGamma(_ a: Double, _ x: Double) -> (lower: Double, upper: Double, density: Double) {
        guard a > 0, a.isFinite, x >= 0 else { return (.nan, .nan, .nan) }
        if x == 0 { return (0, 1, a < 1 ? .infinity : (a == 1 ? 1 : 0)) }
        if x == .infinity { return (1, 0, 0) }
        let logPrefactor = logGammaPrefactor(a, x)
        // Far beyond either end the smaller tail underflows whatever the series or fraction is.
        if logPrefactor < -800 { return x < a ? (0, 1, 0) : (1, 0, 0) }
        let prefactor = exp(logPrefactor)
        let density = exp(logPrefactor - log(x))
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var n = 1.0
            while n < 1e7 {
                term *= x / (a + n)
                sum += term
                if term < sum * 1e-17 { break }
                n += 1
            }
            let lower = prefactor * sum
            return (lower, 1 - lower, density)
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 1e7 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            // 1 ulp above 1 is 2.2e-16: a tighter test could never pass once b stops changing.
            if abs(delta - 1) <= 3e-16 { break }
            i += 1
        }
        let upper = prefactor * h
        return (1 - upper, upper, density)
    }

    /// The x with P(a, x) = lower and Q(a, x) = upper (the caller passes both so that whichever
    /// is small is exact): safeguarded Newton on log x against the log of the smaller tail.
    static func inverseIncompleteGamma(_ a: Double, lower p: Double, upper q: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, p <= 1, q >= 0, q <= 1 else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let useLower = p <= q
        let target = log(useLower ? p : q)
        // Wilson-Hilferty start for a ≥ 1, the small-x power law P ≈ xᵃ/Γ(a + 1) below it.
        var x: Double
        if a >= 1 {
            let z = useLower ? StandardNormal.quantile(p) : -StandardNormal.quantile(q)
            let c = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            x = c > 0 ? a * c * c * c : a * 1e-3
        } else {
            let t = 1 - a * (0.253 + a * 0.12)
            x = p < t ? exp((log(p) - log(t)) / a) : 1 - log1p(-(p - t) / (1 - t))
            if useLower, q < 1e-3 { x = 1 - log(q) }
        }
        if !(x > 0) || !x.isFinite { x = a }
        let residual: (Double) -> (value: Double, slope: Double) = { s in
            let e = exp(s)
            let g = incompleteGamma(a, e)
            if useLower { return (log(g.lower) - target, g.density * e / g.lower) }
            return (target - log(g.upper), g.density * e / g.upper)
        }
        let s = solveIncreasing(residual, start: log(x), lower: logLeastNormal, upper: log(Double.greatestFiniteMagnitude))
        return polish(s, residual)
    }

    /// exp(s) refined by one last Newton step taken in x itself: s = log x cannot resolve x finer
    /// than |s|·2⁻⁵³ relative, the correction x·(−f/f′) can.
    static func polish(_ s: Double, _ f: (Double) -> (value: Double, slope: Double)) -> Double {
        let x = exp(s)
        let (value, slope) = f(s)
        guard value.isFinite, slope.isFinite, slope > 0 else { return x }
        let step = value / slope
        return abs(step) < 1e-8 ? x * (1 - step) : x
    }

    /// Root of an increasing function of s in (lower, upper): Newton steps, falling back to
    /// bisection when a step leaves the bracket; stops at a relative step of a few ulps.
    static func solveIncreasing(_ f: (Double) -> (value: Double, slope: Double), start: Double,
                                lower: Double, upper: Double) -> Double {
        var lo = lower, hi = upper
        var s = min(max(start, lo), hi)
        var previousStep = Double.infinity
        for _ in 0..<200 {
            let (value, slope) = f(s)
            if value == 0 { return s }
            if value.isNaN {
                // Underflowed tail: the root is on the side where the tail grows.
                hi = s
                s = 0.5 * (lo + hi)
                continue
            }
            if value < 0 { lo = s } else { hi = s }
            var next = s - value / slope
            // A step below the resolution of s: converged (bisecting now would throw it away).
            if next == s { return s }
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            let step = abs(next - s)
            s = next
            if step <= 4e-16 * max(1, abs(s)) || hi - lo <= 4e-16 * max(1, abs(s)) { break }
            // Once the steps are tiny and stop shrinking quadratically, they are round-off in
            // the tail function (large a or b): the root is as good as the function allows.
            if step < 1e-10 * max(1, abs(s)), step > 0.25 * previousStep { break }
            previousStep = step
        }
        return s
    }
}

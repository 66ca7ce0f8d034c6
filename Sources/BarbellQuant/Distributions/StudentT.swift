import Foundation

/// Student's t distribution with ν degrees of freedom, location μ and scale σ (scipy's
/// `t(df, loc, scale)`).
///
/// The distribution function is ½·I_{ν/(ν+z²)}(ν/2, ½) in the tail of z, so t cdf(−40) keeps
/// its relative precision; the quantile inverts the incomplete beta solving for whichever of
/// ν/(ν+t²) and t²/(ν+t²) is small, so quantiles near the median are as accurate as far ones.
public struct StudentT: ContinuousDistribution, Equatable {
    public let degreesOfFreedom: Double
    public let location: Double
    public let scale: Double

    /// - Throws: `.invalidArgument` unless ν > 0 is finite, μ finite and σ finite and > 0.
    public init(degreesOfFreedom: Double, location: Double = 0, scale: Double = 1) throws {
        try requireParameter(degreesOfFreedom, "degreesOfFreedom", "a finite number > 0", degreesOfFreedom > 0 && degreesOfFreedom.isFinite)
        try requireParameter(location, "location", "a finite number", location.isFinite)
        try requireParameter(scale, "scale", "a finite number > 0", scale > 0 && scale.isFinite)
        self.degreesOfFreedom = degreesOfFreedom
        self.location = location
        self.scale = scale
    }

    /// μ for ν > 1; NaN for ν ≤ 1, where the mean does not exist.
    public var mean: Double { degreesOfFreedom > 1 ? location : .nan }

    /// σ²ν/(ν − 2) for ν > 2; +∞ for 1 < ν ≤ 2; NaN for ν ≤ 1.
    public var variance: Double {
        if degreesOfFreedom > 2 { return scale * scale * degreesOfFreedom / (degreesOfFreedom - 2) }
        return degreesOfFreedom > 1 ? .infinity : .nan
    }

    public func logPDF(_ x: Double) -> Double {
        Self.standardLogPDF((x - location) / scale, degreesOfFreedom) - log(scale)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double { Self.standardCDF((x - location) / scale, degreesOfFreedom) }

    public func survival(_ x: Double) -> Double { Self.standardCDF(-(x - location) / scale, degreesOfFreedom) }

    public func quantile(_ p: Double) -> Double { location + scale * Self.standardQuantile(p, degreesOfFreedom) }

    /// The x with survival(x) = q, exact for tiny q (by symmetry, −quantile of q about μ).
    public func inverseSurvival(_ q: Double) -> Double { location - scale * Self.standardQuantile(q, degreesOfFreedom) }
}

extension StudentT {
    /// log density of the standard t at z.
    static func standardLogPDF(_ z: Double, _ nu: Double) -> Double {
        guard !z.isNaN else { return .nan }
        let normaliser = SpecialFunctions.logGammaRatio(nu / 2, plus: 0.5) - 0.5 * log(nu * Double.pi)
        return normaliser - (nu + 1) / 2 * log1p(z / nu * z)
    }

    /// ν/(ν + z²) and z²/(ν + z²) without overflow for huge |z| or loss for tiny |z|.
    static func betaArguments(_ z: Double, _ nu: Double) -> (x: Double, y: Double) {
        if z * z < nu {
            let r = z * z / nu
            return (1 / (1 + r), r / (1 + r))
        }
        let r = nu / z / z
        return (r / (1 + r), 1 / (1 + r))
    }

    /// P(T ≤ z) for the standard t: each side computed from its own tail.
    static func standardCDF(_ z: Double, _ nu: Double) -> Double {
        guard !z.isNaN else { return .nan }
        if z.isInfinite { return z > 0 ? 1 : 0 }
        let (x, y) = betaArguments(z, nu)
        let tail = 0.5 * SpecialFunctions.incompleteBeta(nu / 2, 0.5, x: x, y: y).lower
        return z < 0 ? tail : 1 - tail
    }

    /// The standard t quantile.
    ///
    /// For ν ≥ 1 Hill's (1970, CACM algorithm 396) approximation gives about five digits, and
    /// Newton steps on log P(T ≤ −|t|) (an accurate tail, so far quantiles keep their relative
    /// precision) finish in two or three evaluations. Otherwise, or if Newton misbehaves, it
    /// solves I_x(ν/2, ½) = 2·min(p, 1 − p) for (x, 1 − x) and returns ±√(ν(1 − x)/x).
    static func standardQuantile(_ p: Double, _ nu: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        let tail = min(p, 1 - p)
        let magnitude = refinedHill(tail, nu) ?? betaInversionMagnitude(tail, nu)
        return p < 0.5 ? -magnitude : magnitude
    }

    static func betaInversionMagnitude(_ tail: Double, _ nu: Double) -> Double {
        let twoTailed = 2 * tail
        let (x, y) = SpecialFunctions.inverseIncompleteBeta(nu / 2, 0.5, lower: twoTailed, upper: 1 - twoTailed)
        return x == 0 ? Double.infinity : nu.squareRoot() * y.squareRoot() / x.squareRoot()
    }

    /// |t| with P(T ≤ −|t|) = tail, from Hill's start and Newton on the log tail; nil when ν < 1
    /// or the iteration does not settle within a few steps.
    static func refinedHill(_ tail: Double, _ nu: Double) -> Double? {
        guard nu >= 1, tail > 1e-300 else { return nil }
        guard var t = hillStart(2 * tail, nu), t.isFinite, t > 0 else { return nil }
        let target = log(tail)
        var previousStep = Double.infinity
        for _ in 0..<8 {
            let lower = standardCDF(-t, nu)
            guard lower > 0 else { return nil }
            let g = log(lower) - target
            let slope = -exp(standardLogPDF(t, nu)) / lower
            let next = t - g / slope
            guard next.isFinite, next > 0 else { return nil }
            let step = abs(next - t)
            t = next
            if step <= 2e-16 * t { return t }
            // Steps that stop shrinking quadratically are the cdf's own round-off.
            if step <= 1e-12 * t, step >= 0.25 * previousStep { return t }
            previousStep = step
        }
        return nil
    }

    /// Hill's approximation to the two-tailed t quantile for probability `twoTailed` (AS 396,
    /// as in R's `qt`).
    static func hillStart(_ twoTailed: Double, _ n: Double) -> Double? {
        let pp = twoTailed
        if abs(n - 2) < 1e-12 { return (2 / (pp * (2 - pp)) - 2).squareRoot() }
        if abs(n - 1) < 1e-12 { return 1 / tan(pp * Double.pi / 2) }
        let a = 1 / (n - 0.5)
        let b = 48 / (a * a)
        var c = ((20_700 * a / b - 98) * a - 16) * a + 96.36
        let d = ((94.5 / (b + c) - 3) / b + 1) * (a * Double.pi / 2).squareRoot() * n
        var y = pow(d * pp, 2 / n)
        if y > 0.05 + a {
            let x = StandardNormal.quantile(0.5 * pp)
            y = x * x
            if n < 5 { c += 0.3 * (n - 4.5) * (x + 0.6) }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
            y = expm1(a * y * y)
        } else {
            y = ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * (n + 1) / (n + 2) + 1 / y
        }
        let q = (n * y).squareRoot()
        return q.isFinite && q > 0 ? q : nil
    }
}

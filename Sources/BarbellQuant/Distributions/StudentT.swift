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

    /// The standard t quantile; solves I_x(ν/2, ½) = 2·min(p, 1 − p) for (x, 1 − x) and returns
    /// ±√(ν(1 − x)/x).
    static func standardQuantile(_ p: Double, _ nu: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        let twoTailed = 2 * min(p, 1 - p)
        let (x, y) = SpecialFunctions.inverseIncompleteBeta(nu / 2, 0.5, lower: twoTailed, upper: 1 - twoTailed)
        let magnitude = x == 0 ? Double.infinity : nu.squareRoot() * y.squareRoot() / x.squareRoot()
        return p < 0.5 ? -magnitude : magnitude
    }
}

import Foundation

/// Fisher's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom
/// (scipy's `f(dfn, dfd)`).
///
/// P(F ≤ x) = I_u(d₁/2, d₂/2) with u = d₁x/(d₁x + d₂); 1 − u = d₂/(d₁x + d₂) is formed directly
/// so that the upper tail is computed without cancellation.
public struct FDistribution: ContinuousDistribution, Equatable {
    public let numeratorDegreesOfFreedom: Double
    public let denominatorDegreesOfFreedom: Double

    /// - Throws: `.invalidArgument` unless both degrees of freedom are finite and > 0.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws {
        try requireParameter(numeratorDegreesOfFreedom, "numeratorDegreesOfFreedom", "a finite number > 0",
                             numeratorDegreesOfFreedom > 0 && numeratorDegreesOfFreedom.isFinite)
        try requireParameter(denominatorDegreesOfFreedom, "denominatorDegreesOfFreedom", "a finite number > 0",
                             denominatorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom.isFinite)
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// d₂/(d₂ − 2) for d₂ > 2, otherwise +∞.
    public var mean: Double {
        let d2 = denominatorDegreesOfFreedom
        return d2 > 2 ? d2 / (d2 - 2) : .infinity
    }

    /// 2d₂²(d₁ + d₂ − 2)/(d₁(d₂ − 2)²(d₂ − 4)) for d₂ > 4; +∞ for 2 < d₂ ≤ 4; NaN below.
    public var variance: Double {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        if d2 > 4 { return 2 * d2 * d2 * (d1 + d2 - 2) / (d1 * (d2 - 2) * (d2 - 2) * (d2 - 4)) }
        return d2 > 2 ? .infinity : .nan
    }

    /// (u, 1 − u) for the incomplete beta at x ≥ 0.
    func betaArguments(_ x: Double) -> (u: Double, v: Double) {
        let d1x = numeratorDegreesOfFreedom * x, d2 = denominatorDegreesOfFreedom
        if x == .infinity { return (1, 0) }
        if d1x > d2 {
            let r = d2 / d1x
            return (1 / (1 + r), r / (1 + r))
        }
        let r = d1x / d2
        return (r / (1 + r), 1 / (1 + r))
    }

    public func logPDF(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        let a = numeratorDegreesOfFreedom / 2, b = denominatorDegreesOfFreedom / 2
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 {
            if a < 1 { return .infinity }
            return a == 1 ? 0 : -.infinity
        }
        let (u, v) = betaArguments(x)
        // beta density at u times du/dx = u·v/x.
        return SpecialFunctions.logBetaPrefactor(a, b, x: u, y: v) - log(x)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        let (u, v) = betaArguments(x)
        return SpecialFunctions.incompleteBeta(numeratorDegreesOfFreedom / 2, denominatorDegreesOfFreedom / 2, x: u, y: v).lower
    }

    public func survival(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        let (u, v) = betaArguments(x)
        return SpecialFunctions.incompleteBeta(numeratorDegreesOfFreedom / 2, denominatorDegreesOfFreedom / 2, x: u, y: v).upper
    }

    public func quantile(_ p: Double) -> Double { value(lower: p, upper: 1 - p) }

    /// The x with survival(x) = q, exact for tiny q.
    public func inverseSurvival(_ q: Double) -> Double { value(lower: 1 - q, upper: q) }

    func value(lower p: Double, upper q: Double) -> Double {
        let (u, v) = SpecialFunctions.inverseIncompleteBeta(numeratorDegreesOfFreedom / 2, denominatorDegreesOfFreedom / 2, lower: p, upper: q)
        if u.isNaN { return .nan }
        if v == 0 { return .infinity }
        return denominatorDegreesOfFreedom * u / (numeratorDegreesOfFreedom * v)
    }
}

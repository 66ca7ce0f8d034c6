import Foundation

/// Hansen's (1994) skewed Student t, standardised to zero mean and unit variance, with
/// degrees of freedom ν > 2 and skewness λ ∈ (−1, 1): exactly arch's `SkewStudent` with
/// parameters (eta, lambda) = (ν, λ).
///
/// With c = Γ((ν+1)/2)/(√(π(ν−2)) Γ(ν/2)), a = 4λc(ν−2)/(ν−1), b² = 1 + 3λ² − a², the density is
/// b·c·(1 + ((bx + a)/(1 ± λ))²/(ν − 2))^(−(ν+1)/2), with −λ left of −a/b and +λ right of it.
/// Each side is a rescaled standard t, so the distribution function and quantile reuse
/// ``StudentT``'s, and each tail is computed from its own side (no 1 − cdf cancellation).
public struct SkewedT: ContinuousDistribution, Equatable {
    public let degreesOfFreedom: Double
    public let skewness: Double
    /// Hansen's constants a, b and log c.
    let a: Double, b: Double, logC: Double

    /// - Throws: `.invalidArgument` unless 2 < ν < ∞ and −1 < λ < 1.
    public init(degreesOfFreedom: Double, skewness: Double) throws {
        try requireParameter(degreesOfFreedom, "degreesOfFreedom", "a finite number > 2", degreesOfFreedom > 2 && degreesOfFreedom.isFinite)
        try requireParameter(skewness, "skewness", "a number in (-1, 1)", skewness > -1 && skewness < 1)
        self.degreesOfFreedom = degreesOfFreedom
        self.skewness = skewness
        let nu = degreesOfFreedom
        logC = SpecialFunctions.logGammaRatio(nu / 2, plus: 0.5) - 0.5 * log(Double.pi * (nu - 2))
        a = 4 * skewness * exp(logC) * (nu - 2) / (nu - 1)
        b = (1 + 3 * skewness * skewness - a * a).squareRoot()
    }

    /// 0 by construction.
    public var mean: Double { 0 }
    /// 1 by construction.
    public var variance: Double { 1 }

    /// The mode −a/b, where the two halves meet.
    var join: Double { -a / b }

    /// √(ν/(ν − 2)): the standard t scale of the standardised halves.
    var tScale: Double { (degreesOfFreedom / (degreesOfFreedom - 2)).squareRoot() }

    public func logPDF(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        let side = x < join ? 1 - skewness : 1 + skewness
        let r = (b * x + a) / side
        return log(b) + logC - (degreesOfFreedom + 1) / 2 * log1p(r * r / (degreesOfFreedom - 2))
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        let nu = degreesOfFreedom, lam = skewness
        if x < join { return (1 - lam) * StudentT.standardCDF((b * x + a) / (1 - lam) * tScale, nu) }
        return 1 - (1 + lam) * StudentT.standardCDF(-(b * x + a) / (1 + lam) * tScale, nu)
    }

    public func survival(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        let nu = degreesOfFreedom, lam = skewness
        if x < join { return 1 - (1 - lam) * StudentT.standardCDF((b * x + a) / (1 - lam) * tScale, nu) }
        return (1 + lam) * StudentT.standardCDF(-(b * x + a) / (1 + lam) * tScale, nu)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let nu = degreesOfFreedom, lam = skewness
        if p < (1 - lam) / 2 {
            let u = StudentT.standardQuantile(p / (1 - lam), nu)
            return (u * (1 - lam) / tScale - a) / b
        }
        // upper side from 1 − p, so that far upper quantiles keep their precision.
        let u = -StudentT.standardQuantile((1 - p) / (1 + lam), nu)
        return (u * (1 + lam) / tScale - a) / b
    }
}

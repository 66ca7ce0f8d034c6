import Foundation

/// The chi-squared distribution with k degrees of freedom (scipy's `chi2(df)`), a gamma(k/2, 2).
///
/// Both tails come from the regularised incomplete gamma function, so large k (10⁵ and more)
/// and far-tail p-values keep their relative precision.
public struct ChiSquared: ContinuousDistribution, Equatable {
    public let degreesOfFreedom: Double

    /// - Throws: `.invalidArgument` unless k is finite and > 0.
    public init(degreesOfFreedom: Double) throws {
        try requireParameter(degreesOfFreedom, "degreesOfFreedom", "a finite number > 0", degreesOfFreedom > 0 && degreesOfFreedom.isFinite)
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// k.
    public var mean: Double { degreesOfFreedom }
    /// 2k.
    public var variance: Double { 2 * degreesOfFreedom }

    public func logPDF(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        let a = degreesOfFreedom / 2
        if x < 0 || x == .infinity { return -.infinity }
        if x == 0 { return a < 1 ? .infinity : (a == 1 ? -log(2.0) : -.infinity) }
        // density of gamma(a) at x/2, halved: xᵃe⁻ˣ/Γ(a) in its large-a safe form, over x.
        return SpecialFunctions.logGammaPrefactor(a, x / 2) - log(x)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        return x <= 0 ? 0 : SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, x / 2).lower
    }

    public func survival(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        return x <= 0 ? 1 : SpecialFunctions.incompleteGamma(degreesOfFreedom / 2, x / 2).upper
    }

    public func quantile(_ p: Double) -> Double {
        2 * SpecialFunctions.inverseIncompleteGamma(degreesOfFreedom / 2, lower: p, upper: 1 - p)
    }

    /// The x with survival(x) = q, exact for tiny q where `quantile(1 − q)` would round.
    public func inverseSurvival(_ q: Double) -> Double {
        2 * SpecialFunctions.inverseIncompleteGamma(degreesOfFreedom / 2, lower: 1 - q, upper: q)
    }
}

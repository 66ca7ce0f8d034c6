import Foundation

/// The generalised extreme value distribution with shape ξ, location μ and scale σ: the law of
/// block maxima, P(X ≤ x) = exp(−(1 + ξz)^(−1/ξ)), z = (x − μ)/σ.
///
/// Sign convention: ξ > 0 is the heavy-tailed Fréchet case (bounded below by μ − σ/ξ), ξ = 0
/// Gumbel, ξ < 0 Weibull-type (bounded above by μ − σ/ξ). scipy's `genextreme` uses the opposite
/// sign, `c = −ξ`: `GeneralizedExtremeValue(shape: ξ)` is `scipy.stats.genextreme(c=-ξ)`.
public struct GeneralizedExtremeValue: ContinuousDistribution, Equatable {
    public let shape: Double
    public let location: Double
    public let scale: Double

    /// - Throws: `.invalidArgument` unless ξ and μ are finite and σ is finite and > 0.
    public init(shape: Double, location: Double = 0, scale: Double = 1) throws {
        try requireParameter(shape, "shape", "a finite number", shape.isFinite)
        try requireParameter(location, "location", "a finite number", location.isFinite)
        try requireParameter(scale, "scale", "a finite number > 0", scale > 0 && scale.isFinite)
        self.shape = shape
        self.location = location
        self.scale = scale
    }

    /// μ + σ(Γ(1 − ξ) − 1)/ξ for ξ < 1 (μ + σγ at ξ = 0), otherwise +∞.
    public var mean: Double {
        if shape == 0 { return location + scale * 0.577_215_664_901_532_860_61 }
        return shape < 1 ? location + scale * (tgamma(1 - shape) - 1) / shape : .infinity
    }

    /// σ²(Γ(1 − 2ξ) − Γ(1 − ξ)²)/ξ² for ξ < ½ (σ²π²/6 at ξ = 0); +∞ for ½ ≤ ξ < 1; NaN above.
    public var variance: Double {
        if shape == 0 { return scale * scale * Double.pi * Double.pi / 6 }
        if shape < 0.5 {
            let g1 = tgamma(1 - shape), g2 = tgamma(1 - 2 * shape)
            return scale * scale * (g2 - g1 * g1) / (shape * shape)
        }
        return shape < 1 ? .infinity : .nan
    }

    /// log t(z) with t = (1 + ξz)^(−1/ξ), so cdf = exp(−t); NaN-free only inside the support.
    func logT(_ z: Double) -> Double {
        shape == 0 ? -z : -log1p(shape * z) / shape
    }

    /// −1 below the support, 1 above it, 0 inside.
    func side(_ z: Double) -> Int {
        if shape > 0, z <= -1 / shape { return -1 }
        if shape < 0, z >= -1 / shape { return 1 }
        return 0
    }

    public func logPDF(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        if side(z) != 0 || z.isInfinite { return -.infinity }
        let lt = logT(z)
        return (shape + 1) * lt - exp(lt) - log(scale)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        switch side(z) {
        case -1: return 0
        case 1: return 1
        default: return exp(-exp(logT(z)))
        }
    }

    public func survival(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        switch side(z) {
        case -1: return 1
        case 1: return 0
        default: return -expm1(-exp(logT(z)))
        }
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        // t = −log p, formed from 1 − p through log1p when p is close to 1.
        let t = p > 0.5 ? -log1p(p - 1) : -log(p)
        return value(t: t)
    }

    /// The x with survival(x) = q, exact for tiny q: t = −log(1 − q).
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        return value(t: -log1p(-q))
    }

    func value(t: Double) -> Double {
        if t == 0 { return shape < 0 ? location - scale / shape : .infinity }
        if t == .infinity { return shape > 0 ? location - scale / shape : -.infinity }
        let z = shape == 0 ? -log(t) : expm1(-shape * log(t)) / shape
        return location + scale * z
    }
}

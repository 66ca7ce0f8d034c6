import Foundation

/// The generalised Pareto distribution with shape ξ, scale σ and location μ: the law of
/// peaks over a high threshold. ξ is scipy's `genpareto` `c` (same sign): ξ > 0 heavy
/// (Pareto) tail, ξ = 0 exponential, ξ < 0 bounded above by μ − σ/ξ.
///
/// P(X > x) = (1 + ξz)^(−1/ξ) with z = (x − μ)/σ, evaluated as exp(−log1p(ξz)/ξ) so that small
/// |ξ| and far tails stay accurate.
public struct GeneralizedPareto: ContinuousDistribution, Equatable {
    public let shape: Double
    public let scale: Double
    public let location: Double

    /// - Throws: `.invalidArgument` unless ξ and μ are finite and σ is finite and > 0.
    public init(shape: Double, scale: Double, location: Double = 0) throws {
        try requireParameter(shape, "shape", "a finite number", shape.isFinite)
        try requireParameter(scale, "scale", "a finite number > 0", scale > 0 && scale.isFinite)
        try requireParameter(location, "location", "a finite number", location.isFinite)
        self.shape = shape
        self.scale = scale
        self.location = location
    }

    /// The support's upper end: μ − σ/ξ for ξ < 0, otherwise +∞.
    public var upperBound: Double { shape < 0 ? location - scale / shape : .infinity }

    /// μ + σ/(1 − ξ) for ξ < 1, otherwise +∞.
    public var mean: Double { shape < 1 ? location + scale / (1 - shape) : .infinity }

    /// σ²/((1 − ξ)²(1 − 2ξ)) for ξ < ½; +∞ for ½ ≤ ξ < 1; NaN for ξ ≥ 1 (no finite mean).
    public var variance: Double {
        if shape < 0.5 { return scale * scale / ((1 - shape) * (1 - shape) * (1 - 2 * shape)) }
        return shape < 1 ? .infinity : .nan
    }

    /// −log P(X > x) for z inside the support (z ≥ 0 and 1 + ξz ≥ 0).
    func cumulativeHazard(_ z: Double) -> Double {
        shape == 0 ? z : log1p(shape * z) / shape
    }

    /// Where z falls: −1 below the support, 1 above it, 0 inside.
    func side(_ z: Double) -> Int {
        if z < 0 { return -1 }
        if shape < 0, z > -1 / shape { return 1 }
        return 0
    }

    public func logPDF(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        if side(z) != 0 || z == .infinity { return -.infinity }
        if shape == 0 { return -z - log(scale) }
        return -(1 / shape + 1) * log1p(shape * z) - log(scale)
    }

    public func pdf(_ x: Double) -> Double { exp(logPDF(x)) }

    public func cdf(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        switch side(z) {
        case -1: return 0
        case 1: return 1
        default: return -expm1(-cumulativeHazard(z))
        }
    }

    public func survival(_ x: Double) -> Double {
        let z = (x - location) / scale
        guard !z.isNaN else { return .nan }
        switch side(z) {
        case -1: return 1
        case 1: return 0
        default: return exp(-cumulativeHazard(z))
        }
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 1 { return upperBound }
        return value(logSurvival: log1p(-p))
    }

    /// The x with survival(x) = q, exact for tiny q (return levels far out in the tail).
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0 { return upperBound }
        return value(logSurvival: log(q))
    }

    func value(logSurvival l: Double) -> Double {
        // z = ((1 − p)^(−ξ) − 1)/ξ = expm1(−ξ·log(1 − p))/ξ.
        let z = shape == 0 ? -l : expm1(-shape * l) / shape
        return location + scale * z
    }
}

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
    ///
    /// Γ(1 − ξ) − 1 is formed as expm1(log Γ(1 − ξ)), with log Γ(1 − ξ) from its series at
    /// small |ξ| (1 − ξ itself would round ξ = 1e-9 to seven digits).
    public var mean: Double {
        if shape == 0 { return location + scale * Self.eulerGamma }
        guard shape < 1 else { return .infinity }
        return location + scale * expm1(Self.logGammaOneMinus(shape)) / shape
    }

    /// σ²(Γ(1 − 2ξ) − Γ(1 − ξ)²)/ξ² for ξ < ½ (σ²π²/6 at ξ = 0); +∞ for ½ ≤ ξ < 1; NaN above.
    ///
    /// Written Γ(1 − ξ)²·expm1(D)/ξ² with D = log Γ(1 − 2ξ) − 2 log Γ(1 − ξ), which for small |ξ|
    /// is summed as Σₖ≥₂ ζ(k)(2ᵏ − 2)/k·ξᵏ (the two log-gammas would cancel to ξ²).
    public var variance: Double {
        if shape == 0 { return scale * scale * Double.pi * Double.pi / 6 }
        guard shape < 0.5 else { return shape < 1 ? .infinity : .nan }
        let logGamma1 = Self.logGammaOneMinus(shape)
        let d: Double
        if abs(shape) < Self.seriesLimit {
            d = Self.zetaSeries(shape) { k in pow(2, k) - 2 }
        } else {
            let logGamma2: Double = lgamma(1 - 2 * shape)
            d = logGamma2 - 2 * logGamma1
        }
        return scale * scale * exp(2 * logGamma1) * expm1(d) / (shape * shape)
    }

    static let eulerGamma = 0.577_215_664_901_532_860_61
    static let seriesLimit = 0.01
    /// ζ(2) … ζ(13).
    static let zeta: [Double] = [1.644_934_066_848_226_4, 1.202_056_903_159_594_3, 1.082_323_233_711_138_2,
                                 1.036_927_755_143_369_9, 1.017_343_061_984_449_1, 1.008_349_277_381_922_8,
                                 1.004_077_356_197_944_3, 1.002_008_392_826_082_2, 1.000_994_575_127_818_1,
                                 1.000_494_188_604_119_5, 1.000_246_086_553_308_0, 1.000_122_713_347_578_5]

    /// Σₖ₌₂¹³ ζ(k)·weight(k)/k·ξᵏ; for |ξ| < 0.01 the omitted terms are below 1e-26·ξ².
    static func zetaSeries(_ xi: Double, weight: (Double) -> Double) -> Double {
        var sum = 0.0
        var power = xi * xi
        for (i, z) in zeta.enumerated() {
            let k = Double(i + 2)
            sum += z * weight(k) / k * power
            power *= xi
        }
        return sum
    }

    /// log Γ(1 − ξ) = γξ + Σₖ≥₂ ζ(k)ξᵏ/k near 0, `lgamma` elsewhere.
    static func logGammaOneMinus(_ xi: Double) -> Double {
        if abs(xi) < seriesLimit { return eulerGamma * xi + zetaSeries(xi) { _ in 1 } }
        return lgamma(1 - xi)
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

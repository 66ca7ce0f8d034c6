import Foundation

/// Gatheral's raw SVI parameterisation of one expiry's total implied variance,
/// w(k) = a + b·(ρ(k − m) + √((k − m)² + σ²)), with k = ln(K/F) and w = σ_impl²·T.
public struct SVIParameters: Sendable, Hashable, Codable {
    public var a: Double
    public var b: Double
    public var rho: Double
    public var m: Double
    public var sigma: Double

    public init(a: Double, b: Double, rho: Double, m: Double, sigma: Double) {
        self.a = a
        self.b = b
        self.rho = rho
        self.m = m
        self.sigma = sigma
    }

    /// w(k).
    public func totalVariance(_ k: Double) -> Double {
        let d = k - m
        return a + b * (rho * d + (d * d + sigma * sigma).squareRoot())
    }

    /// The implied volatility √(w(k)/T) at expiry T (NaN where w < 0).
    public func impliedVolatility(_ k: Double, expiry: Double) -> Double {
        (totalVariance(k) / expiry).squareRoot()
    }

    /// w'(k) and w''(k).
    public func derivatives(_ k: Double) -> (first: Double, second: Double) {
        let d = k - m
        let r = (d * d + sigma * sigma).squareRoot()
        return (b * (rho + d / r), b * sigma * sigma / (r * r * r))
    }

    /// Gatheral–Jacquier's butterfly density g(k) = (1 − k·w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2;
    /// the slice is free of butterfly arbitrage where g ≥ 0 (and w > 0). NaN where w ≤ 0.
    public func butterflyDensity(_ k: Double) -> Double {
        let w = totalVariance(k)
        guard w > 0 else { return .nan }
        let (w1, w2) = derivatives(k)
        let u = 1 - k * w1 / (2 * w)
        return u * u - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2
    }

    /// ∂w/∂(a, b, ρ, m, σ) at k.
    func gradient(_ k: Double) -> (Double, Double, Double, Double, Double) {
        let d = k - m
        let r = (d * d + sigma * sigma).squareRoot()
        return (1, rho * d + r, b * d, -b * (rho + d / r), b * sigma / r)
    }
}

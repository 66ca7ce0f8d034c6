/// A European option's price and analytic sensitivities.
///
/// Units: ``vega`` and ``volga`` per 1.00 of volatility (divide by 100 for "per vol point"),
/// ``theta`` per year (``thetaPerDay`` divides by 365), ``rho`` per 1.00 of rate. ``delta``,
/// ``gamma`` and ``vanna`` are with respect to the spot (Black-Scholes-Merton) or the forward
/// (Black-76). Theta is −∂V/∂T with spot (or forward), rate and dividend held fixed; rho is
/// ∂V/∂r with spot (Black-Scholes-Merton) or forward (Black-76) held fixed.
public struct OptionGreeks: Sendable, Hashable, Codable {
    public var price: Double
    /// ∂V/∂S (or ∂V/∂F).
    public var delta: Double
    /// ∂²V/∂S² (or ∂²V/∂F²).
    public var gamma: Double
    /// ∂V/∂σ.
    public var vega: Double
    /// −∂V/∂T: the value's change per year of calendar time passing.
    public var theta: Double
    /// ∂V/∂r.
    public var rho: Double
    /// ∂²V/∂S∂σ (or ∂²V/∂F∂σ).
    public var vanna: Double
    /// ∂²V/∂σ² (vomma).
    public var volga: Double

    /// Theta per calendar day (theta / 365).
    public var thetaPerDay: Double { theta / 365 }

    public init(price: Double, delta: Double, gamma: Double, vega: Double, theta: Double, rho: Double,
                vanna: Double, volga: Double) {
        self.price = price
        self.delta = delta
        self.gamma = gamma
        self.vega = vega
        self.theta = theta
        self.rho = rho
        self.vanna = vanna
        self.volga = volga
    }
}

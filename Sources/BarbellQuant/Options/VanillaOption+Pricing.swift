import Foundation

extension VanillaOption {
    /// The Black price D·θ·(F·Φ(θd₁) − K·Φ(θd₂)) of a valid option at volatility σ, without
    /// validation (the batch and solver paths validate once).
    ///
    /// Φ is evaluated through `erfc`, so deep out-of-the-money prices keep their relative
    /// precision instead of underflowing to 0 by cancellation against 1.
    func unvalidatedPrice(volatility sigma: Double) -> Double {
        let f = forward, k = strike, t = expiry
        let sd = sigma * t.squareRoot()
        let d1 = log(f / k) / sd + 0.5 * sd
        let d2 = d1 - sd
        let theta = type.sign
        let value = discount * theta * (f * StandardNormal.cdf(theta * d1) - k * StandardNormal.cdf(theta * d2))
        return max(value, 0)
    }

    /// The option's price at volatility `volatility`.
    ///
    /// Throws ``QuantError/Code/invalidArgument`` for a non-positive or non-finite volatility,
    /// spot/forward, strike or expiry, or a non-finite rate or dividend yield.
    public func price(volatility: Double) throws -> Double {
        try validate()
        try Self.validateVolatility(volatility)
        return unvalidatedPrice(volatility: volatility)
    }

    /// The price and all analytic Greeks at volatility `volatility` (units in ``OptionGreeks``).
    public func greeks(volatility: Double) throws -> OptionGreeks {
        try validate()
        try Self.validateVolatility(volatility)
        return unvalidatedGreeks(volatility: volatility)
    }

    func unvalidatedGreeks(volatility sigma: Double) -> OptionGreeks {
        let f = forward, k = strike, t = expiry, r = rate
        let rootT = t.squareRoot()
        let sd = sigma * rootT
        let d1 = log(f / k) / sd + 0.5 * sd
        let d2 = d1 - sd
        let theta = type.sign
        let df = discount
        let nd1 = StandardNormal.cdf(theta * d1), nd2 = StandardNormal.cdf(theta * d2)
        let density = StandardNormal.pdf(d1)
        let price = max(df * theta * (f * nd1 - k * nd2), 0)
        // Every Greek is first taken on the forward (F·e^{−rT}·φ(d₁) is the common factor), then
        // mapped to the spot for BSM, where ∂F/∂S = e^{(r−q)T}.
        let vega = df * f * density * rootT
        let volga = vega * d1 * d2 / sigma
        switch model {
        case .black76:
            return OptionGreeks(
                price: price,
                delta: df * theta * nd1,
                gamma: df * density / (f * sd),
                vega: vega,
                theta: -df * f * density * sigma / (2 * rootT) + r * price,
                rho: -t * price,
                vanna: -df * density * d2 / sigma,
                volga: volga)
        case .blackScholesMerton:
            let s = underlying, q = dividendYield
            let dividendDiscount = exp(-q * t)
            return OptionGreeks(
                price: price,
                delta: dividendDiscount * theta * nd1,
                gamma: dividendDiscount * density / (s * sd),
                vega: vega,
                theta: -dividendDiscount * s * density * sigma / (2 * rootT)
                    - theta * r * k * df * nd2 + theta * q * s * dividendDiscount * nd1,
                rho: theta * k * t * df * nd2,
                vanna: -dividendDiscount * density * d2 / sigma,
                volga: volga)
        }
    }
}

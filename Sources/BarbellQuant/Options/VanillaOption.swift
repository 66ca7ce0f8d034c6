import Foundation

/// A European call or put priced by Black-Scholes-Merton or Black-76.
///
/// Units: ``expiry`` in years, ``rate`` and ``dividendYield`` continuously compounded per year,
/// volatilities per √year as fractions (0.2 = 20 %). Both models are evaluated through the same
/// Black formula on the forward F and the discount factor D = e^{−rT}, so they agree exactly when
/// F = S·e^{(r−q)T}.
public struct VanillaOption: Sendable, Hashable, Codable {
    public var type: OptionType
    public var model: PricingModel
    /// The spot price S (Black-Scholes-Merton) or the forward price F (Black-76).
    public var underlying: Double
    public var strike: Double
    /// Time to expiry T in years.
    public var expiry: Double
    /// Risk-free rate r (continuous, per year).
    public var rate: Double
    /// Continuous dividend yield q (Black-Scholes-Merton only; ignored by Black-76).
    public var dividendYield: Double

    public init(type: OptionType, model: PricingModel = .blackScholesMerton, underlying: Double, strike: Double,
                expiry: Double, rate: Double = 0, dividendYield: Double = 0) {
        self.type = type
        self.model = model
        self.underlying = underlying
        self.strike = strike
        self.expiry = expiry
        self.rate = rate
        self.dividendYield = dividendYield
    }

    /// The forward price F of the underlying for delivery at expiry.
    @inlinable
    public var forward: Double {
        model == .black76 ? underlying : underlying * exp((rate - dividendYield) * expiry)
    }

    /// The discount factor D = e^{−rT}.
    @inlinable
    public var discount: Double { exp(-rate * expiry) }

    /// Throws ``QuantError/Code/invalidArgument`` naming the first field that is not a finite
    /// number in its range (underlying, strike and expiry must be positive).
    public func validate() throws {
        func positive(_ value: Double, _ name: String) throws {
            guard value.isFinite, value > 0 else {
                throw QuantError(.invalidArgument, "\(name) is \(value), expected a finite number > 0")
            }
        }
        try positive(underlying, model == .black76 ? "forward" : "spot")
        try positive(strike, "strike")
        try positive(expiry, "expiry")
        guard rate.isFinite else { throw QuantError(.invalidArgument, "rate is \(rate), expected a finite number") }
        guard dividendYield.isFinite else {
            throw QuantError(.invalidArgument, "dividend yield is \(dividendYield), expected a finite number")
        }
        let f = forward
        guard f.isFinite, f > 0 else {
            throw QuantError(.invalidArgument, "forward S·e^{(r−q)T} is \(f), expected a finite number > 0")
        }
    }

    static func validateVolatility(_ volatility: Double) throws {
        guard volatility.isFinite, volatility > 0 else {
            throw QuantError(.invalidArgument, "volatility is \(volatility), expected a finite number > 0")
        }
    }
}

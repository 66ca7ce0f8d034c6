import Foundation

/// Dealer gamma exposure (GEX) of an option chain, by strike and in total.
///
/// Convention (SqueezeMetrics): dealers are assumed long the calls and short the puts that
/// customers hold, so call gamma counts positive and put gamma negative. A contract's exposure is
/// Γ · open interest · multiplier · S² · 0.01: the dollar change in the dealers' delta for a 1 %
/// move of the underlying. Γ is recomputed — not taken from the vendor — as the
/// Black-Scholes-Merton spot gamma at the quote's implied volatility, with time Actual/365 from
/// the quote date, the given rate r and the dividend yield q implied by the expiry's forward,
/// q = r − ln(F/S)/T (q = 0 where no forward is quoted for the expiry).
public struct GammaExposure: Sendable, Codable {
    /// The exposure at one strike, summed over expirations.
    public struct Level: Sendable, Hashable, Codable {
        public var strike: Double
        /// Call exposure (≥ 0).
        public var calls: Double
        /// Put exposure (≤ 0).
        public var puts: Double
        /// calls + puts.
        public var net: Double { calls + puts }
    }

    /// Exposures by strike, ascending.
    public var byStrike: [Level]
    /// The sum over all strikes.
    public var total: Double
    /// The underlying price S used.
    public var spot: Double
    /// Quotes left out: missing or non-positive implied volatility or open interest, or expired.
    public var skipped: Int

    /// Computes the exposure of a single-quote-date chain.
    ///
    /// Throws ``QuantError/Code/invalidArgument`` when the chain spans several quote dates or
    /// spots, is empty, or `rate`/`multiplier` is not finite (multiplier must be > 0).
    public init(chain: OptionChain, rate: Double = 0, multiplier: Double = 100) throws {
        guard rate.isFinite else { throw QuantError(.invalidArgument, "rate is \(rate), expected a finite number") }
        guard multiplier.isFinite, multiplier > 0 else {
            throw QuantError(.invalidArgument, "multiplier is \(multiplier), expected a finite number > 0")
        }
        let chain = try chain.singleDate()
        let spots = Set(chain.quotes.map(\.spot))
        guard spots.count == 1, let spot = spots.first, spot.isFinite, spot > 0 else {
            throw QuantError(.invalidArgument, "the chain has spots \(spots.sorted()); expected one positive spot price")
        }
        let forwards = chain.forwards
        var calls: [Double: Double] = [:], puts: [Double: Double] = [:]
        var skipped = 0
        let scale = multiplier * spot * spot * 0.01
        for q in chain.quotes {
            let t = q.expiry
            guard t > 0, q.impliedVolatility.isFinite, q.impliedVolatility > 0, q.openInterest.isFinite,
                  q.openInterest > 0, q.strike.isFinite, q.strike > 0 else {
                skipped += 1
                continue
            }
            let forward = forwards[q.expiration] ?? spot * exp(rate * t)
            let dividend = rate - log(forward / spot) / t
            let option = VanillaOption(type: q.type, underlying: spot, strike: q.strike, expiry: t, rate: rate, dividendYield: dividend)
            let gamma = try option.greeks(volatility: q.impliedVolatility).gamma
            let exposure = gamma * q.openInterest * scale
            if q.type == .call { calls[q.strike, default: 0] += exposure } else { puts[q.strike, default: 0] -= exposure }
        }
        let strikes = Set(calls.keys).union(puts.keys).sorted()
        byStrike = strikes.map { Level(strike: $0, calls: calls[$0] ?? 0, puts: puts[$0] ?? 0) }
        total = byStrike.reduce(0) { $0 + $1.net }
        self.spot = spot
        self.skipped = skipped
    }
}

import Foundation

/// A static-arbitrage violation found on an SVI surface.
public struct ArbitrageViolation: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// g(k) < 0 (or w(k) ≤ 0): the slice implies a negative risk-neutral density.
        case butterfly
        /// w(k) decreases from this expiration to the next: negative calendar-spread value.
        case calendar
    }

    public var kind: Kind
    /// Log-moneyness k = ln(K/F) where the condition fails.
    public var logMoneyness: Double
    public var expiration: CalendarDate
    /// The next expiration (calendar violations only).
    public var laterExpiration: CalendarDate?
    /// g(k) for butterfly violations; w_later(k) − w(k) (negative) for calendar violations.
    public var value: Double
}

/// One expiration's quotes and SVI fit.
public struct SVISmile: Sendable, Codable {
    public var expiration: CalendarDate
    public var forward: Double
    public var fit: SVISlice
    /// The fitted quotes' log-moneyness ln(K/F) and total variance σ²T.
    public var logMoneyness: [Double]
    public var totalVariance: [Double]

    public init(expiration: CalendarDate, forward: Double, fit: SVISlice, logMoneyness: [Double], totalVariance: [Double]) {
        self.expiration = expiration
        self.forward = forward
        self.fit = fit
        self.logMoneyness = logMoneyness
        self.totalVariance = totalVariance
    }
}

/// SVI fits per expiration of one quote date, with the arbitrage checks.
public struct SVISurface: Sendable, Codable {
    public var quoteDate: CalendarDate
    /// Smiles in ascending expiration.
    public var smiles: [SVISmile]
    /// Expirations left out, with the reason (too few usable quotes, say).
    public var skipped: [String]
    /// The log-moneyness grid the checks ran on.
    public var grid: [Double]
    public var violations: [ArbitrageViolation]

    /// The quotes a smile is fitted to: out-of-the-money (puts below the forward, calls at or
    /// above it), with a positive bid, an observed (not vendor-interpolated) implied volatility,
    /// and at least one day to expiry. The forward is the expiry's quoted forward.
    public static func smileQuotes(_ chain: OptionChain, expiration: CalendarDate) -> (forward: Double, k: [Double], w: [Double])? {
        guard let forward = chain.forwards[expiration] else { return nil }
        var points: [(Double, Double)] = []
        for q in chain.quotes where q.expiration == expiration {
            let t = q.expiry
            let outOfTheMoney = q.type == .put ? q.strike < forward : q.strike >= forward
            guard outOfTheMoney, t > 0, q.bid > 0, !q.isInterpolated, q.impliedVolatility > 0, q.impliedVolatility.isFinite else { continue }
            points.append((log(q.strike / forward), q.impliedVolatility * q.impliedVolatility * t))
        }
        points.sort { $0.0 < $1.0 }
        return (forward, points.map(\.0), points.map(\.1))
    }

    /// Fits every expiration of a single-date chain (see ``smileQuotes(_:expiration:)``) and checks
    /// the surface on `grid` (default: 201 points spanning the fitted quotes' log-moneyness).
    ///
    /// Expirations with fewer than 5 usable quotes are listed in ``skipped``, not fitted.
    /// Throws when the chain spans several quote dates or no expiration can be fitted.
    public init(chain: OptionChain, date: CalendarDate? = nil, expirations: [CalendarDate]? = nil, grid: [Double]? = nil) throws {
        let chain = try chain.singleDate(date)
        quoteDate = chain.quoteDates[0]
        smiles = []
        skipped = []
        for expiration in expirations ?? chain.expirations {
            guard let (forward, k, w) = Self.smileQuotes(chain, expiration: expiration) else {
                skipped.append("\(expiration): no quotes with a forward price")
                continue
            }
            guard k.count >= 5 else {
                skipped.append("\(expiration): \(k.count) usable quotes, at least 5 needed")
                continue
            }
            let fit = try SVIParameters.fit(logMoneyness: k, totalVariance: w, expiry: quoteDate.yearFraction(to: expiration))
            smiles.append(SVISmile(expiration: expiration, forward: forward, fit: fit, logMoneyness: k, totalVariance: w))
        }
        guard !smiles.isEmpty else {
            throw QuantError(.insufficientData, "no expiration has 5 usable quotes (\(skipped.joined(separator: "; ")))")
        }
        let lo = smiles.compactMap(\.logMoneyness.first).min()!, hi = smiles.compactMap(\.logMoneyness.last).max()!
        self.grid = grid ?? (0...200).map { lo + (hi - lo) * Double($0) / 200 }
        violations = Self.butterflyViolations(smiles, grid: self.grid) + Self.calendarViolations(smiles, grid: self.grid)
    }

    /// Grid points where a slice's g(k) < 0 or w(k) ≤ 0.
    public static func butterflyViolations(_ smiles: [SVISmile], grid: [Double]) -> [ArbitrageViolation] {
        var out: [ArbitrageViolation] = []
        for s in smiles {
            for k in grid {
                let g = s.fit.parameters.butterflyDensity(k)
                if !(g >= 0) {
                    out.append(ArbitrageViolation(kind: .butterfly, logMoneyness: k, expiration: s.expiration, value: g.isNaN ? -.infinity : g))
                }
            }
        }
        return out
    }

    /// Grid points where total variance decreases from one expiration to the next (compared at
    /// equal log-moneyness, i.e. the same forward-moneyness).
    public static func calendarViolations(_ smiles: [SVISmile], grid: [Double]) -> [ArbitrageViolation] {
        var out: [ArbitrageViolation] = []
        let sorted = smiles.sorted { $0.expiration < $1.expiration }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            for k in grid {
                let gap = later.fit.parameters.totalVariance(k) - earlier.fit.parameters.totalVariance(k)
                // Equal variances up to rounding are not an arbitrage.
                if gap < -1e-12 {
                    out.append(ArbitrageViolation(kind: .calendar, logMoneyness: k, expiration: earlier.expiration,
                                                  laterExpiration: later.expiration, value: gap))
                }
            }
        }
        return out
    }
}

import Foundation

/// One row of an end-of-day option chain.
public struct OptionChainQuote: Sendable, Hashable, Codable {
    public var quoteDate: CalendarDate
    public var expiration: CalendarDate
    public var type: OptionType
    public var strike: Double
    /// The underlying's closing price S.
    public var spot: Double
    /// The forward price for the expiry; NaN where the file leaves it empty.
    public var forward: Double
    /// Best bid and ask; NaN where missing.
    public var bid: Double
    public var ask: Double
    /// The vendor's implied volatility as a fraction (0.1985 = 19.85 %); NaN where missing.
    public var impliedVolatility: Double
    /// Open interest in contracts.
    public var openInterest: Double
    /// True when the vendor interpolated the implied volatility rather than observing it.
    public var isInterpolated: Bool

    public init(quoteDate: CalendarDate, expiration: CalendarDate, type: OptionType, strike: Double, spot: Double,
                forward: Double = .nan, bid: Double = .nan, ask: Double = .nan, impliedVolatility: Double,
                openInterest: Double, isInterpolated: Bool = false) {
        self.quoteDate = quoteDate
        self.expiration = expiration
        self.type = type
        self.strike = strike
        self.spot = spot
        self.forward = forward
        self.bid = bid
        self.ask = ask
        self.impliedVolatility = impliedVolatility
        self.openInterest = openInterest
        self.isInterpolated = isInterpolated
    }

    /// Years from the quote date to expiration (Actual/365 Fixed).
    public var expiry: Double { quoteDate.yearFraction(to: expiration) }
}

/// An option chain: quotes over one or more quote dates and expirations.
public struct OptionChain: Sendable {
    public var quotes: [OptionChainQuote]

    public init(quotes: [OptionChainQuote]) { self.quotes = quotes }

    /// The distinct quote dates, ascending.
    public var quoteDates: [CalendarDate] { Array(Set(quotes.map(\.quoteDate))).sorted() }

    /// The distinct expirations, ascending.
    public var expirations: [CalendarDate] { Array(Set(quotes.map(\.expiration))).sorted() }

    /// The quotes of one quote date.
    public func on(_ date: CalendarDate) -> OptionChain { OptionChain(quotes: quotes.filter { $0.quoteDate == date }) }

    /// The chain of a single quote date: `date` if given (an error if it has no quotes),
    /// otherwise the only date (an error naming the dates when there are several).
    public func singleDate(_ date: CalendarDate? = nil) throws -> OptionChain {
        let dates = quoteDates
        if let date {
            let chain = on(date)
            guard !chain.quotes.isEmpty else {
                throw QuantError(.invalidArgument, "no quotes on \(date); the chain has \(dates.map(\.description).joined(separator: ", "))")
            }
            return chain
        }
        guard dates.count == 1 else {
            throw QuantError(.invalidArgument, dates.isEmpty ? "the option chain is empty"
                : "the chain has \(dates.count) quote dates (\(dates.first!) … \(dates.last!)); choose one")
        }
        return self
    }

    /// The forward of each expiration: the first non-missing `forward` among its quotes.
    public var forwards: [CalendarDate: Double] {
        var out: [CalendarDate: Double] = [:]
        for q in quotes where q.forward.isFinite && q.forward > 0 && out[q.expiration] == nil { out[q.expiration] = q.forward }
        return out
    }
}

import BarbellData

/// The round trips of a backtest's fills: the closed trades, and the positions still open.
public struct RoundTrips: Sendable, Equatable {
    /// Closed round trips in the order of their closing fills.
    public var closed: [RoundTrip]
    /// One entry per symbol with a position left after the last fill, by symbol. These are not
    /// trades yet: ``closingOpen(prices:bar:timestamp:)`` marks them at a price if asked.
    public var open: [OpenPosition]

    public init(closed: [RoundTrip], open: [OpenPosition]) {
        self.closed = closed
        self.open = open
    }

    /// An open lot: shares bought (or sold short) by one fill and not yet matched.
    struct Lot {
        var remaining: Double   // signed
        let original: Double    // unsigned, to judge when rounding has consumed it
        let price: Double
        let bar: Int
        let timestamp: Timestamp
        let commissionPerShare: Double
        let slippagePerShare: Double
    }

    /// A remainder this small relative to the quantity it came from is rounding, not shares.
    static let tolerance = 1e-9

    /// Pairs fills into round trips per symbol, first in, first out.
    ///
    /// Fills are taken in bar order (fills of one bar keep their order). A fill in the direction of
    /// the position (or into a flat one) adds a lot; a fill against it closes the oldest lots first
    /// and is one round trip, with whatever is left over opening a lot on the other side.
    /// - Throws: ``BacktestError`` naming the fill (its position in `fills` and its order) when
    ///   there are no fills, a symbol is outside `0..<symbolCount`, a bar is negative, a quantity
    ///   is zero or not finite, a price is not finite and positive, or a cost is not finite.
    public static func from(fills: [Fill], symbolCount: Int) throws(BacktestError) -> RoundTrips {
        guard symbolCount > 0 else {
            throw BacktestError(.invalidArgument, "round trips: symbol count \(symbolCount); expected > 0")
        }
        guard !fills.isEmpty else {
            throw BacktestError(.insufficientData, "round trips: no fills; a backtest that never traded has no round trips")
        }
        for (i, f) in fills.enumerated() {
            let row = "fill \(i) (order \(f.orderID))"
            guard (0..<symbolCount).contains(f.symbol) else {
                throw BacktestError(.invalidArgument, "\(row): symbol \(f.symbol); expected 0..<\(symbolCount)")
            }
            guard f.bar >= 0 else { throw BacktestError(.invalidArgument, "\(row): bar \(f.bar); expected ≥ 0") }
            guard f.quantity.isFinite else { throw BacktestError(.nonFinite, "\(row): quantity is \(f.quantity)") }
            guard f.quantity != 0 else { throw BacktestError(.invalidArgument, "\(row): quantity is 0; a fill trades shares") }
            guard f.price.isFinite else { throw BacktestError(.nonFinite, "\(row): price is \(f.price)") }
            guard f.price > 0 else { throw BacktestError(.invalidArgument, "\(row): price \(f.price); expected > 0") }
            guard f.commission.isFinite else { throw BacktestError(.nonFinite, "\(row): commission is \(f.commission)") }
            guard f.slippage.isFinite else { throw BacktestError(.nonFinite, "\(row): slippage is \(f.slippage)") }
        }
        // Stable by bar: an engine emits fills in time order, but a merged log may not be.
        let ordered = fills.enumerated().sorted { ($0.element.bar, $0.offset) < ($1.element.bar, $1.offset) }.map(\.element)
        var books = [[Lot]](repeating: [], count: symbolCount)
        var heads = [Int](repeating: 0, count: symbolCount)
        var closed: [RoundTrip] = []
        for f in ordered {
            let size = abs(f.quantity)
            let perShare = (commission: f.commission / size, slippage: f.slippage / size)
            let s = f.symbol
            if heads[s] == books[s].count || (books[s][heads[s]].remaining > 0) == (f.quantity > 0) {
                books[s].append(Lot(remaining: f.quantity, original: size, price: f.price, bar: f.bar, timestamp: f.timestamp,
                                    commissionPerShare: perShare.commission, slippagePerShare: perShare.slippage))
                continue
            }
            let direction: TradeDirection = books[s][heads[s]].remaining > 0 ? .long : .short
            let first = books[s][heads[s]]
            var left = size, matched = 0.0, entryValue = 0.0, commission = 0.0, slippage = 0.0
            while left > tolerance * size, heads[s] < books[s].count {
                var lot = books[s][heads[s]]
                let take = min(abs(lot.remaining), left)
                matched += take
                entryValue += take * lot.price
                commission += take * lot.commissionPerShare
                slippage += take * lot.slippagePerShare
                left -= take
                lot.remaining -= lot.remaining > 0 ? take : -take
                if abs(lot.remaining) <= tolerance * lot.original {
                    heads[s] += 1
                } else {
                    books[s][heads[s]] = lot
                }
            }
            let entryPrice = entryValue / matched
            let gross = (direction == .long ? f.price - entryPrice : entryPrice - f.price) * matched
            closed.append(RoundTrip(
                symbol: s, direction: direction, quantity: matched, entryBar: first.bar, entryTimestamp: first.timestamp,
                exitBar: f.bar, exitTimestamp: f.timestamp, entryPrice: entryPrice, exitPrice: f.price, grossPnL: gross,
                commission: commission + matched * perShare.commission, slippage: slippage + matched * perShare.slippage))
            if heads[s] == books[s].count {
                books[s].removeAll(keepingCapacity: true)
                heads[s] = 0
                if left > tolerance * size {
                    // A flip: the rest of this fill opens the other side.
                    books[s].append(Lot(remaining: f.quantity > 0 ? left : -left, original: left, price: f.price, bar: f.bar,
                                        timestamp: f.timestamp, commissionPerShare: perShare.commission,
                                        slippagePerShare: perShare.slippage))
                }
            }
        }
        var open: [OpenPosition] = []
        for s in 0..<symbolCount where heads[s] < books[s].count {
            let lots = books[s][heads[s]...]
            let quantity = lots.reduce(0) { $0 + abs($1.remaining) }
            open.append(OpenPosition(
                symbol: s, direction: lots.first!.remaining > 0 ? .long : .short, quantity: quantity,
                entryBar: lots.first!.bar, entryTimestamp: lots.first!.timestamp,
                entryPrice: lots.reduce(0) { $0 + abs($1.remaining) * $1.price } / quantity,
                commission: lots.reduce(0) { $0 + abs($1.remaining) * $1.commissionPerShare },
                slippage: lots.reduce(0) { $0 + abs($1.remaining) * $1.slippagePerShare }))
        }
        return RoundTrips(closed: closed, open: open)
    }

    /// The closed round trips plus every open position closed at `prices[symbol]` on `bar`, with no
    /// exit commission: the book marked to market at the end, as if it were liquidated for free.
    /// - Throws: ``BacktestError`` when `prices` does not have one entry per symbol, a price an open
    ///   position needs is not finite and positive, or `bar` precedes an open position's entry.
    public func closingOpen(prices: [Double], bar: Int, timestamp: Timestamp) throws(BacktestError) -> [RoundTrip] {
        var trips = closed
        for p in open {
            guard p.symbol < prices.count else {
                throw BacktestError(.shapeMismatch, "closing open positions: \(prices.count) prices but symbol \(p.symbol) is open; pass one price per symbol")
            }
            let price = prices[p.symbol]
            guard price.isFinite, price > 0 else {
                throw BacktestError(.nonFinite, "closing open positions: price of symbol \(p.symbol) is \(price); expected finite and > 0")
            }
            guard bar >= p.entryBar else {
                throw BacktestError(.invalidArgument, "closing open positions: bar \(bar) is before symbol \(p.symbol)'s entry at bar \(p.entryBar)")
            }
            let gross = (p.direction == .long ? price - p.entryPrice : p.entryPrice - price) * p.quantity
            trips.append(RoundTrip(symbol: p.symbol, direction: p.direction, quantity: p.quantity, entryBar: p.entryBar,
                                   entryTimestamp: p.entryTimestamp, exitBar: bar, exitTimestamp: timestamp, entryPrice: p.entryPrice,
                                   exitPrice: price, grossPnL: gross, commission: p.commission, slippage: p.slippage))
        }
        return trips
    }
}

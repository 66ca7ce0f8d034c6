/// Trades stored column-wise for fast aggregation (see ``TradeBars``).
public struct TradeSeries: Sendable, Equatable {
    public var symbol: Symbol
    public var timestamps: [Timestamp] = []
    public var prices: [Double] = []
    public var sizes: [Double] = []
    public var sides: [AggressorSide] = []
    /// Exchange trade ids; empty when the source has none.
    public var ids: [String] = []

    public init(symbol: Symbol) { self.symbol = symbol }

    public init(symbol: Symbol, trades: [Trade]) {
        self.symbol = symbol
        reserveCapacity(trades.count)
        for t in trades { append(t) }
    }

    public var count: Int { timestamps.count }

    public mutating func reserveCapacity(_ n: Int) {
        timestamps.reserveCapacity(n)
        prices.reserveCapacity(n)
        sizes.reserveCapacity(n)
        sides.reserveCapacity(n)
    }

    public mutating func append(_ trade: Trade) {
        timestamps.append(trade.timestamp)
        prices.append(trade.price)
        sizes.append(trade.size)
        sides.append(trade.side)
        if let id = trade.id {
            if ids.count < timestamps.count - 1 { ids.append(contentsOf: repeatElement("", count: timestamps.count - 1 - ids.count)) }
            ids.append(id)
        }
    }

    public subscript(i: Int) -> Trade {
        Trade(timestamp: timestamps[i], price: prices[i], size: sizes[i], side: sides[i],
              id: i < ids.count && !ids[i].isEmpty ? ids[i] : nil)
    }

    public var trades: [Trade] { (0..<count).map { self[$0] } }
}

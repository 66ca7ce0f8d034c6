import BarbellData

/// Buy or sell.
public enum OrderSide: String, Sendable, Codable {
    case buy, sell

    /// +1 for a buy, −1 for a sell.
    public var sign: Double { self == .buy ? 1 : -1 }
}

/// How an order's price is decided.
public enum OrderType: Sendable, Equatable, Codable {
    /// At the next available price: the open of the bar it becomes eligible on.
    case market
    /// At the limit or better.
    case limit(Double)
    /// Becomes a market order once the price trades through the stop.
    case stop(Double)
    /// Becomes a limit order at `limit` once the price trades through `stop`.
    case stopLimit(stop: Double, limit: Double)
}

/// How long an order stays working.
public enum TimeInForce: Sendable, Equatable, Codable {
    /// Until filled or cancelled.
    case goodTillCancelled
    /// Only on the first bar it is eligible for; what is not filled there is cancelled.
    case day
    /// Immediate or cancel: like ``day`` on bar data, but logged as such.
    case immediateOrCancel
    /// Until the first bar at or after this time, exclusive.
    case goodTill(Timestamp)
}

/// Take-profit and stop-loss exits attached to an entry order.
///
/// When the entry fills, the exits are placed for the filled quantity as one-cancels-other
/// orders eligible from the next bar. When both could trigger in one bar the stop-loss is
/// assumed to come first: bar data cannot say which did, and the pessimistic order is the honest one.
public struct Bracket: Sendable, Equatable, Codable {
    /// A price level, absolute or relative to the entry's average fill price.
    public enum Level: Sendable, Equatable, Codable {
        case price(Double)
        /// A fraction of the entry price: 0.05 is 5% away, in the exit's favourable (take-profit)
        /// or unfavourable (stop-loss) direction.
        case fraction(Double)
    }

    public var takeProfit: Level?
    public var stopLoss: Level?

    public init(takeProfit: Level? = nil, stopLoss: Level? = nil) {
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
    }
}

/// What an order trades: a number of shares, or a target the engine resolves at the fill price.
public enum OrderSize: Sendable, Equatable, Codable {
    /// A positive number of shares in the direction of the order's side.
    case shares(Double)
    /// Trade to hold this many shares (signed); the side follows from the current position.
    case targetShares(Double)
    /// Trade to hold this fraction of equity (signed), sized with the fill bar's prices:
    /// shares = fraction × equity ÷ price, equity valued at that bar's opens.
    case targetPercent(Double)
}

/// An order as a strategy submits it.
public struct OrderRequest: Sendable, Equatable {
    public var symbol: Int
    public var side: OrderSide
    public var size: OrderSize
    public var type: OrderType
    public var timeInForce: TimeInForce
    public var bracket: Bracket?
    /// A free-form tag carried into the order log (the strategy's reason).
    public var tag: String?

    public init(symbol: Int, side: OrderSide, size: OrderSize, type: OrderType = .market,
                timeInForce: TimeInForce = .goodTillCancelled, bracket: Bracket? = nil, tag: String? = nil) {
        self.symbol = symbol
        self.side = side
        self.size = size
        self.type = type
        self.timeInForce = timeInForce
        self.bracket = bracket
        self.tag = tag
    }

    /// Buys `quantity` shares.
    public static func buy(_ symbol: Int, _ quantity: Double, type: OrderType = .market,
                           timeInForce: TimeInForce = .goodTillCancelled, bracket: Bracket? = nil) -> OrderRequest {
        OrderRequest(symbol: symbol, side: .buy, size: .shares(quantity), type: type, timeInForce: timeInForce, bracket: bracket)
    }

    /// Sells `quantity` shares.
    public static func sell(_ symbol: Int, _ quantity: Double, type: OrderType = .market,
                            timeInForce: TimeInForce = .goodTillCancelled, bracket: Bracket? = nil) -> OrderRequest {
        OrderRequest(symbol: symbol, side: .sell, size: .shares(quantity), type: type, timeInForce: timeInForce, bracket: bracket)
    }

    /// Trades to hold `fraction` of equity in `symbol` at the next open (market order).
    public static func targetPercent(_ symbol: Int, _ fraction: Double) -> OrderRequest {
        OrderRequest(symbol: symbol, side: fraction >= 0 ? .buy : .sell, size: .targetPercent(fraction))
    }
}

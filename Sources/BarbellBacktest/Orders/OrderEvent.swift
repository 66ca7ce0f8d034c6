import BarbellData

/// One line of the order log: every order's life is recorded, including why it was refused,
/// deferred or cancelled, so nothing is ignored silently.
public struct OrderEvent: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case submitted, rejected, deferred, partiallyFilled, filled, cancelled, expired
    }

    public var orderID: Int
    /// The symbol's index, or −1 when the order named no known symbol.
    public var symbol: Int
    public var bar: Int
    public var timestamp: Timestamp
    public var kind: Kind
    /// Shares filled by this event (signed), 0 for the others.
    public var quantity: Double
    public var price: Double?
    /// Why: set for rejections, deferrals, cancellations and expiries.
    public var reason: String?

    public init(orderID: Int, symbol: Int, bar: Int, timestamp: Timestamp, kind: Kind,
                quantity: Double = 0, price: Double? = nil, reason: String? = nil) {
        self.orderID = orderID
        self.symbol = symbol
        self.bar = bar
        self.timestamp = timestamp
        self.kind = kind
        self.quantity = quantity
        self.price = price
        self.reason = reason
    }
}

/// Which side initiated (took liquidity in) a trade.
public enum AggressorSide: String, Sendable, Codable, Hashable {
    case buy, sell
    /// The feed does not say (e.g. some historical dumps).
    case unknown
}

/// One executed trade (a tick).
public struct Trade: Hashable, Sendable, Codable {
    /// Exchange event time, UTC.
    public var timestamp: Timestamp
    public var price: Double
    /// Quantity in base units (always positive; direction is in ``side``).
    public var size: Double
    public var side: AggressorSide
    /// Exchange trade id, when the feed provides one.
    public var id: String?

    public init(timestamp: Timestamp, price: Double, size: Double, side: AggressorSide = .unknown, id: String? = nil) {
        self.timestamp = timestamp
        self.price = price
        self.size = size
        self.side = side
        self.id = id
    }
}

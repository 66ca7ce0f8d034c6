/// Best bid and offer at one instant (top of book).
public struct Quote: Hashable, Sendable, Codable {
    public var timestamp: Timestamp
    public var bidPrice: Double
    public var bidSize: Double
    public var askPrice: Double
    public var askSize: Double

    public init(timestamp: Timestamp, bidPrice: Double, bidSize: Double, askPrice: Double, askSize: Double) {
        self.timestamp = timestamp
        self.bidPrice = bidPrice
        self.bidSize = bidSize
        self.askPrice = askPrice
        self.askSize = askSize
    }

    /// Arithmetic mid price.
    public var mid: Double { (bidPrice + askPrice) / 2 }
    /// Quoted spread in price units.
    public var spread: Double { askPrice - bidPrice }
}

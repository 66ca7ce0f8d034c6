import BarbellData

/// One execution: part or all of an order traded at one bar.
///
/// Quantities are signed (positive buys, negative sells) so that a position is the running sum
/// of its fills; costs are positive amounts of cash.
public struct Fill: Sendable, Equatable, Codable {
    /// The order this fill belongs to.
    public var orderID: Int
    /// Index of the instrument in the backtest's symbol list.
    public var symbol: Int
    /// Index of the bar at which it traded.
    public var bar: Int
    /// Time of that bar.
    public var timestamp: Timestamp
    /// Shares traded: positive for a buy, negative for a sell.
    public var quantity: Double
    /// Execution price per share, slippage and market impact included.
    public var price: Double
    /// Commission paid, in cash.
    public var commission: Double
    /// Cost of slippage and impact against the reference price (open, limit or stop), in cash.
    public var slippage: Double

    public init(orderID: Int, symbol: Int, bar: Int, timestamp: Timestamp, quantity: Double,
                price: Double, commission: Double, slippage: Double) {
        self.orderID = orderID
        self.symbol = symbol
        self.bar = bar
        self.timestamp = timestamp
        self.quantity = quantity
        self.price = price
        self.commission = commission
        self.slippage = slippage
    }
}

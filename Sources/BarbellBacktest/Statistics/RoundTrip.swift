import BarbellData

/// Which way a round trip was positioned.
public enum TradeDirection: String, Sendable, Equatable, Codable {
    /// Bought first, sold to close.
    case long
    /// Sold first, bought back to close.
    case short
}

/// One closed trade: quantity opened by earlier fills and closed by one later fill of the same
/// symbol, matched first in, first out.
///
/// This is pyfolio's definition (`round_trips.extract_round_trips`): every fill that reduces a
/// position closes one round trip made of the oldest open lots it consumes, so a partial exit is a
/// round trip of its own and a scale-in shows up as several lots inside one. A fill that flips the
/// position closes the old side and opens the new one with the rest.
public struct RoundTrip: Sendable, Equatable, Codable {
    /// Index of the instrument in the backtest's symbol list.
    public var symbol: Int
    public var direction: TradeDirection
    /// Shares closed (positive).
    public var quantity: Double
    /// Bar and time of the oldest lot matched (pyfolio's `open_dt`).
    public var entryBar: Int
    public var entryTimestamp: Timestamp
    /// Bar and time of the closing fill.
    public var exitBar: Int
    public var exitTimestamp: Timestamp
    /// Quantity-weighted average price of the matched lots.
    public var entryPrice: Double
    /// Price of the closing fill.
    public var exitPrice: Double
    /// (exit − entry) × quantity for a long, (entry − exit) × quantity for a short.
    public var grossPnL: Double
    /// Commissions of the entry and exit fills, each allocated in proportion to the shares of
    /// that fill this round trip used.
    public var commission: Double
    /// Slippage of the entry and exit fills, allocated like commission. Already inside the prices
    /// (so inside the pnl); reported to show what execution cost.
    public var slippage: Double
    /// Gross pnl less commission.
    public var netPnL: Double
    /// Net pnl over the entry value, quantity × entry price.
    public var returnOnEntry: Double
    /// Bars from the entry bar to the exit bar.
    public var barsHeld: Int

    public init(symbol: Int, direction: TradeDirection, quantity: Double, entryBar: Int, entryTimestamp: Timestamp,
                exitBar: Int, exitTimestamp: Timestamp, entryPrice: Double, exitPrice: Double, grossPnL: Double,
                commission: Double, slippage: Double) {
        self.symbol = symbol
        self.direction = direction
        self.quantity = quantity
        self.entryBar = entryBar
        self.entryTimestamp = entryTimestamp
        self.exitBar = exitBar
        self.exitTimestamp = exitTimestamp
        self.entryPrice = entryPrice
        self.exitPrice = exitPrice
        self.grossPnL = grossPnL
        self.commission = commission
        self.slippage = slippage
        self.netPnL = grossPnL - commission
        self.returnOnEntry = netPnL / (quantity * entryPrice)
        self.barsHeld = exitBar - entryBar
    }
}

/// What is still open in one symbol after the last fill: the remaining lots, summarised.
public struct OpenPosition: Sendable, Equatable, Codable {
    public var symbol: Int
    public var direction: TradeDirection
    /// Shares still open (positive).
    public var quantity: Double
    /// Bar and time of the oldest open lot.
    public var entryBar: Int
    public var entryTimestamp: Timestamp
    /// Quantity-weighted average price of the open lots.
    public var entryPrice: Double
    /// The entry commission and slippage carried by the open shares.
    public var commission: Double
    public var slippage: Double
}

/// Summary statistics of closed round trips, on their net pnl. Definitions follow pyfolio's
/// round-trip tables (`round_trips.PNL_STATS`, `SUMMARY_STATS`, `DURATION_STATS`): a win is a
/// trade with pnl > 0, a loss one with pnl < 0; a trade at exactly 0 counts in neither.
public struct TradeStatistics: Sendable, Equatable, Codable {
    /// Closed round trips.
    public var trades: Int
    public var wins: Int
    public var losses: Int
    /// Wins over trades.
    public var hitRate: Double
    /// Sum of the winning trades' pnl (≥ 0).
    public var grossProfit: Double
    /// Sum of the losing trades' pnl (≤ 0, pyfolio's sign).
    public var grossLoss: Double
    /// Gross profit over |gross loss|; nil without a loss (it would be infinite).
    public var profitFactor: Double?
    /// Mean pnl of the winning trades; nil without one.
    public var averageWin: Double?
    /// Mean pnl of the losing trades (negative); nil without one.
    public var averageLoss: Double?
    /// Average win over |average loss|; nil unless there are both.
    public var payoffRatio: Double?
    /// Mean pnl per trade: what one more trade is expected to make.
    public var expectancy: Double
    /// The best trade's pnl (pyfolio's "largest winning trade": the maximum, even if negative).
    public var largestWin: Double
    /// The worst trade's pnl (the minimum, even if positive).
    public var largestLoss: Double
    /// Mean and median of the bars held.
    public var averageBarsHeld: Double
    public var medianBarsHeld: Double
    public var longTrades: Int
    public var shortTrades: Int

    /// - Throws: ``BacktestError`` when there are no round trips or a trip's net pnl is not finite.
    public init(roundTrips: [RoundTrip]) throws(BacktestError) {
        guard !roundTrips.isEmpty else {
            throw BacktestError(.insufficientData, "trade statistics: no closed round trips")
        }
        if let i = roundTrips.firstIndex(where: { !$0.netPnL.isFinite }) {
            throw BacktestError(.nonFinite, "trade statistics: round trip \(i) has net pnl \(roundTrips[i].netPnL)")
        }
        let pnl = roundTrips.map(\.netPnL)
        let winning = pnl.filter { $0 > 0 }, losing = pnl.filter { $0 < 0 }
        trades = pnl.count
        wins = winning.count
        losses = losing.count
        hitRate = Double(wins) / Double(trades)
        grossProfit = winning.reduce(0, +)
        grossLoss = losing.reduce(0, +)
        profitFactor = losing.isEmpty ? nil : grossProfit / -grossLoss
        averageWin = winning.isEmpty ? nil : grossProfit / Double(wins)
        averageLoss = losing.isEmpty ? nil : grossLoss / Double(losses)
        if let averageWin, let averageLoss { payoffRatio = averageWin / -averageLoss } else { payoffRatio = nil }
        expectancy = pnl.reduce(0, +) / Double(trades)
        largestWin = pnl.max()!
        largestLoss = pnl.min()!
        let held = roundTrips.map { Double($0.barsHeld) }.sorted()
        averageBarsHeld = held.reduce(0, +) / Double(held.count)
        medianBarsHeld = held.count % 2 == 1 ? held[held.count / 2] : (held[held.count / 2 - 1] + held[held.count / 2]) / 2
        longTrades = roundTrips.count(where: { $0.direction == .long })
        shortTrades = trades - longTrades
    }
}

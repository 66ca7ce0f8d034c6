import BarbellData

/// The event-driven backtester: replays a ``PriceGrid`` bar by bar, works orders, keeps the
/// account and calls a ``Strategy``.
///
/// Each bar runs in this order: orders eligible at the bar are worked against its open, high and
/// low (reducing orders first); positions are valued at its closes and borrow fees charged; due
/// timers fire; the strategy decides at the close; with same-bar fills on, its new market orders
/// trade at that close. The run is deterministic: the same grid, settings and strategy give the
/// same result bit for bit.
public struct EventEngine: Sendable {
    public let grid: PriceGrid
    public let settings: ExecutionSettings
    let pricer: FillPricer

    /// - Throws: ``BacktestError`` when a setting is outside its domain.
    public init(grid: PriceGrid, settings: ExecutionSettings = ExecutionSettings()) throws(BacktestError) {
        try settings.validate()
        self.grid = grid
        self.settings = settings
        self.pricer = FillPricer(model: settings.slippage, grid: grid)
    }

    /// Runs `strategy` over every bar; the strategy's final state is left in `strategy`.
    public func run<S: Strategy>(_ strategy: inout S) -> BacktestResult {
        let n = grid.barCount
        var context = StrategyContext(grid: grid, settings: settings)
        var equity = [Double](repeating: 0, count: n)
        var cash = [Double](repeating: 0, count: n)
        var gross = [Double](repeating: 0, count: n)
        var net = [Double](repeating: 0, count: n)
        var traded = [Double](repeating: 0, count: n)
        let borrowPerBar = settings.borrowRate / settings.periodsPerYear
        strategy.start(&context)

        for t in 0..<n {
            context.bar = t
            context.tradedValue = 0
            if context.openOrderCount > 0 {
                context.executeOrders(atClose: false, strategy: &strategy, pricer: pricer)
            }
            context.ledger.markToClose(grid.close, bar: t, borrowPerBar: borrowPerBar)
            while let first = context.timers.first, first.time <= grid.timestamps[t] {
                context.timers.removeFirst()
                strategy.onTimer(first.id, &context)
            }
            strategy.onBar(&context)
            if settings.sameBarFills && context.openOrderCount > 0 {
                context.executeOrders(atClose: true, strategy: &strategy, pricer: pricer)
            }
            if context.openOrderCount == 0 && !context.working.isEmpty {
                context.working.removeAll(keepingCapacity: true)
            }
            equity[t] = context.ledger.markedEquity
            cash[t] = context.ledger.cash
            if context.ledger.hasPositions {
                gross[t] = context.ledger.grossExposure
                net[t] = context.ledger.netExposure
            }
            traded[t] = context.tradedValue
        }
        for i in context.working.indices where !context.working[i].isDone {
            context.finish(i, .expired, reason: "the backtest ended before it filled")
        }
        return BacktestResult(symbols: grid.symbols, timestamps: grid.timestamps, initialCash: settings.initialCash,
                              periodsPerYear: settings.periodsPerYear, equity: equity, cash: cash,
                              grossExposure: gross, netExposure: net, tradedValue: traded,
                              fills: context.fills, orderLog: context.orderLog, ledger: context.ledger)
    }

    /// Runs a copy of `strategy`.
    public func run<S: Strategy>(_ strategy: S) -> BacktestResult {
        var copy = strategy
        return run(&copy)
    }
}

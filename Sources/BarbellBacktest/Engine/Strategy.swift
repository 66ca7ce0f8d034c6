/// A trading strategy driven by the event engine.
///
/// The engine calls ``onBar(_:)`` at each bar's close, after that bar's fills and valuation.
/// Orders submitted there become eligible at the next bar (or at the same close when
/// ``ExecutionSettings/sameBarFills`` is on), so a strategy cannot trade on a price it used to
/// decide. The context only returns data up to the current bar.
///
/// Strategies are value types run generically, so the engine's loop is specialised for each one.
public protocol Strategy {
    /// Called once before the first bar.
    mutating func start(_ context: inout StrategyContext)
    /// Called at each bar's close.
    mutating func onBar(_ context: inout StrategyContext)
    /// Called after each fill, before the bar's close.
    mutating func onFill(_ fill: Fill, _ context: inout StrategyContext)
    /// Called at the first bar close at or after a time scheduled with
    /// ``StrategyContext/schedule(at:id:)``, before ``onBar(_:)``.
    mutating func onTimer(_ id: Int, _ context: inout StrategyContext)
}

extension Strategy {
    public mutating func start(_ context: inout StrategyContext) {}
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {}
    public mutating func onTimer(_ id: Int, _ context: inout StrategyContext) {}
}

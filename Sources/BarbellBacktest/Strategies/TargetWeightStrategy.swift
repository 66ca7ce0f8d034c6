/// Trades towards target weights decided at each bar's close: the strategy every signal →
/// position backtest reduces to, and the one the vectorised path reproduces exactly.
///
/// `targets[symbol][bar]` is the fraction of equity (signed) to hold from the next bar on; NaN
/// keeps the previous target. An order is sent only when a symbol's target changes, as a market
/// ``OrderSize/targetPercent(_:)`` order sized at the fill bar's open; an order still working for
/// that symbol (deferred for lack of a price, or volume-limited) is cancelled and replaced.
public struct TargetWeightStrategy: Strategy {
    public let targets: [[Double]]
    private var current: [Double]
    private var working: [Int?]

    public init(targets: [[Double]]) {
        self.targets = targets
        self.current = [Double](repeating: 0, count: targets.count)
        self.working = [Int?](repeating: nil, count: targets.count)
    }

    public mutating func onBar(_ context: inout StrategyContext) {
        let t = context.bar
        for s in targets.indices {
            let w = targets[s][t]
            if w.isNaN || w == current[s] { continue }
            if let id = working[s] { context.cancel(id) }
            current[s] = w
            working[s] = context.submit(.targetPercent(s, w))
        }
    }

    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {}
}

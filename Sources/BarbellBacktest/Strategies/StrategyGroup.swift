/// Several strategies of one kind run side by side on one account, each called in turn: one
/// per-symbol rule (a crossover on each of twenty stocks) becomes a portfolio.
public struct StrategyGroup<Member: Strategy>: Strategy {
    public var members: [Member]

    public init(_ members: [Member]) { self.members = members }

    public mutating func start(_ context: inout StrategyContext) {
        for i in members.indices { members[i].start(&context) }
    }

    public mutating func onBar(_ context: inout StrategyContext) {
        for i in members.indices { members[i].onBar(&context) }
    }

    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {
        for i in members.indices { members[i].onFill(fill, &context) }
    }

    public mutating func onTimer(_ id: Int, _ context: inout StrategyContext) {
        for i in members.indices { members[i].onTimer(id, &context) }
    }
}

import BarbellData

/// What a strategy sees and does at a bar: prices up to the current bar, the account, and
/// order submission. It is also the engine's state, so a bar costs no copies.
public struct StrategyContext: Sendable {
    let grid: PriceGrid
    let settings: ExecutionSettings
    /// The current bar.
    public internal(set) var bar: Int = 0
    public internal(set) var ledger: Ledger
    var working: [WorkingOrder] = []
    var openOrderCount = 0
    var nextOrderID = 0
    var timers: [(time: Timestamp, id: Int)] = []
    public internal(set) var fills: [Fill] = []
    public internal(set) var orderLog: [OrderEvent] = []
    /// Traded value (Σ|shares × price|) in the current bar.
    var tradedValue = 0.0

    init(grid: PriceGrid, settings: ExecutionSettings) {
        self.grid = grid
        self.settings = settings
        self.ledger = Ledger(cash: settings.initialCash, symbolCount: grid.symbolCount)
    }

    // MARK: Market data, never beyond the current bar

    public var symbols: [String] { grid.symbols }
    public var symbolCount: Int { grid.symbolCount }
    public var timestamp: Timestamp { grid.timestamps[bar] }
    /// The index of `name`, if the backtest trades it.
    public func symbol(named name: String) -> Int? { grid.index(of: name) }

    /// The close `ago` bars back (0 = this bar); NaN before the first bar or where the symbol had none.
    public func close(_ symbol: Int, ago: Int = 0) -> Double { value(grid.close, symbol, ago) }
    public func open(_ symbol: Int, ago: Int = 0) -> Double { value(grid.open, symbol, ago) }
    public func high(_ symbol: Int, ago: Int = 0) -> Double { value(grid.high, symbol, ago) }
    public func low(_ symbol: Int, ago: Int = 0) -> Double { value(grid.low, symbol, ago) }
    public func volume(_ symbol: Int, ago: Int = 0) -> Double { value(grid.volume, symbol, ago) }

    /// A column's value `ago` bars back: never a later bar than the current one.
    private func value(_ columns: [[Double]], _ symbol: Int, _ ago: Int) -> Double {
        let t = bar - ago
        return t >= 0 && ago >= 0 ? columns[symbol][t] : .nan
    }

    /// The last `count` closes up to and including this bar, oldest first.
    public func closes(_ symbol: Int, count: Int) -> ArraySlice<Double> {
        grid.close[symbol][max(0, bar - count + 1)...bar]
    }

    // MARK: Account

    public var cash: Double { ledger.cash }
    /// Shares held (negative when short).
    public func position(_ symbol: Int) -> Double { ledger.shares[symbol] }
    /// Cash plus positions at their last closes.
    public var equity: Double { ledger.markedEquity }
    /// Orders still working, in submission order.
    public var openOrders: [Int] { working.lazy.filter { !$0.isDone }.map(\.id) }

    // MARK: Orders

    /// Submits an order. It is checked now; a refused order is logged with the reason and its id
    /// is still returned, so the strategy can find it in the order log.
    @discardableResult
    public mutating func submit(_ request: OrderRequest) -> Int {
        let id = nextOrderID
        nextOrderID += 1
        if let reason = rejection(of: request) {
            log(id, symbol: request.symbol >= 0 && request.symbol < grid.symbolCount ? request.symbol : -1,
                .rejected, reason: reason)
            return id
        }
        let eligible = settings.sameBarFills ? bar : bar + 1
        working.append(WorkingOrder(id: id, request: request, eligibleFrom: eligible))
        openOrderCount += 1
        log(id, symbol: request.symbol, .submitted, reason: request.tag)
        return id
    }

    /// Cancels a working order; cancelling one that is done or unknown does nothing.
    public mutating func cancel(_ id: Int) {
        guard let i = working.firstIndex(where: { $0.id == id && !$0.isDone }) else { return }
        finish(i, .cancelled, reason: "cancelled by the strategy")
    }

    /// Calls the strategy's `onTimer` with `id` at the first bar close at or after `time`.
    public mutating func schedule(at time: Timestamp, id: Int) {
        let i = timers.firstIndex(where: { $0.time > time }) ?? timers.count
        timers.insert((time, id), at: i)
    }

    func rejection(of request: OrderRequest) -> String? {
        guard request.symbol >= 0, request.symbol < grid.symbolCount else {
            return "unknown symbol index \(request.symbol); the backtest trades \(grid.symbolCount) symbols (\(grid.symbols.prefix(5).joined(separator: ", "))\(grid.symbolCount > 5 ? ", …" : ""))"
        }
        let name = grid.symbols[request.symbol]
        switch request.size {
        case .shares(let q):
            guard q.isFinite, q > 0 else {
                return "size \(q) for \(name): expected a finite number of shares > 0 (use the side to sell)"
            }
            if request.side == .sell, !settings.allowShort, ledger.shares[request.symbol] <= 0 {
                return "sell of \(q) \(name) with no position: short selling is disabled"
            }
        case .targetShares(let n):
            guard n.isFinite else { return "target of \(n) shares of \(name): expected a finite number" }
            if n < 0, !settings.allowShort { return "target of \(n) shares of \(name): short selling is disabled" }
        case .targetPercent(let w):
            guard w.isFinite else { return "target of \(w) of equity in \(name): expected a finite fraction" }
            if w < 0, !settings.allowShort { return "target of \(w) of equity in \(name): short selling is disabled" }
            if abs(w) > settings.maxLeverage { return "target of \(w) of equity in \(name) exceeds the leverage limit \(settings.maxLeverage)" }
        }
        func badPrice(_ p: Double, _ what: String) -> String? {
            p.isFinite && p > 0 ? nil : "\(what) price \(p) for \(name): expected a finite price > 0"
        }
        switch request.type {
        case .market: break
        case .limit(let p): if let r = badPrice(p, "limit") { return r }
        case .stop(let p): if let r = badPrice(p, "stop") { return r }
        case .stopLimit(let s, let l):
            if let r = badPrice(s, "stop") ?? badPrice(l, "limit") { return r }
        }
        if let bracket = request.bracket {
            guard case .shares = request.size else { return "a bracket needs an entry in shares, not a target" }
            for level in [bracket.takeProfit, bracket.stopLoss].compactMap({ $0 }) {
                switch level {
                case .price(let p): if let r = badPrice(p, "bracket") { return r }
                case .fraction(let f):
                    guard f.isFinite, f > 0, f < 1 else { return "bracket fraction \(f) for \(name): expected in (0, 1)" }
                }
            }
        }
        return nil
    }

    mutating func log(_ id: Int, symbol: Int, _ kind: OrderEvent.Kind, quantity: Double = 0,
                      price: Double? = nil, reason: String? = nil) {
        orderLog.append(OrderEvent(orderID: id, symbol: symbol, bar: bar, timestamp: grid.timestamps[bar],
                                   kind: kind, quantity: quantity, price: price, reason: reason))
    }

    mutating func finish(_ i: Int, _ kind: OrderEvent.Kind, reason: String?) {
        working[i].isDone = true
        openOrderCount -= 1
        log(working[i].id, symbol: working[i].request.symbol, kind, reason: reason)
    }
}

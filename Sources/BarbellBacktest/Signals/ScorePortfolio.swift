/// Turns scores into target weights at each rebalance: a selection rule (TopK-dropout,
/// long-short quantiles or a threshold) and optionally a sizing rule that replaces the rule's
/// equal weights by risk-based ones, in the rule's directions.
///
/// Decisions at bar t read only scores and returns up to t; the targets trade from t+1.
public struct ScorePortfolio: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        /// Qlib's TopK-dropout: hold k names, replace at most `drop` per rebalance.
        case topKDropout(k: Int, drop: Int)
        /// Long the top, short the bottom `quantile` of scores, dollar-neutral.
        case quantiles(Double)
        /// Long above `long`, short below `short`.
        case threshold(long: Double, short: Double?)
    }

    public var rule: Rule
    /// Nil keeps the rule's own weights (threshold: 1/n of equity per active symbol).
    public var sizing: PositionSizing?
    /// Rebalance every this many bars.
    public var every: Int

    public init(rule: Rule, sizing: PositionSizing? = nil, every: Int = 1) throws(BacktestError) {
        guard every >= 1 else { throw BacktestError(.invalidArgument, "rebalance every \(every) bars; expected ≥ 1") }
        try sizing?.validate()
        self.rule = rule
        self.sizing = sizing
        self.every = every
        _ = try makeState()
    }

    private enum State {
        case topK(TopKDropout)
        case quantiles(LongShortQuantiles)
        case threshold(SignalThreshold)
    }

    private func makeState() throws(BacktestError) -> State {
        switch rule {
        case .topKDropout(let k, let drop): .topK(try TopKDropout(k: k, nDrop: drop))
        case .quantiles(let q): .quantiles(try LongShortQuantiles(quantile: q))
        case .threshold(let long, let short): .threshold(try SignalThreshold(long: long, short: short))
        }
    }

    /// Target weights `[symbol][bar]` (NaN between rebalances, which keeps the previous target).
    public func targets(scores: ScoreMatrix, grid: PriceGrid) throws(BacktestError) -> [[Double]] {
        let m = grid.symbolCount, n = grid.barCount
        guard scores.values.count == m, scores.values.allSatisfy({ $0.count == n }) else {
            throw BacktestError(.shapeMismatch, "scores are \(scores.values.count) × \(scores.values.first?.count ?? 0); the prices are \(m) symbols × \(n) bars")
        }
        var state = try makeState()
        var returns: ReturnPanel?
        var moments: RollingMoments?
        if let sizing, sizing.lookback > 0 {
            let columns = grid.close.map { c in
                c.indices.map { t in t > 0 && !c[t].isNaN && !c[t - 1].isNaN ? c[t] / c[t - 1] - 1 : Double.nan }
            }
            let panel = try ReturnPanel(columns: columns)
            returns = panel
            if case .equalRiskContribution = sizing {} else { moments = try RollingMoments(panel, lookback: sizing.lookback) }
        }
        var out = [[Double]](repeating: [Double](repeating: .nan, count: n), count: m)
        var row = [Double](repeating: .nan, count: m)
        var sinceRebalance = every
        for t in 0..<n {
            var any = false
            for s in 0..<m {
                let v = grid.close[s][t].isNaN ? Double.nan : scores.values[s][t]
                row[s] = v
                if !v.isNaN { any = true }
            }
            guard any else { continue }
            sinceRebalance += 1
            guard sinceRebalance >= every else { continue }
            sinceRebalance = 0
            var weights: [Double]
            switch state {
            case .topK(var rule):
                weights = try rule.rebalance(row)
                state = .topK(rule)
            case .quantiles(let rule):
                weights = rule.weights(row)
            case .threshold(let rule):
                let signals = rule.signals(row)
                weights = signals.map { $0 / Double(m) }
            }
            if let sizing {
                weights = try sizing.weights(signals: weights, returns: returns, at: t, moments: moments)
            }
            for s in 0..<m { out[s][t] = weights[s] }
        }
        return out
    }
}

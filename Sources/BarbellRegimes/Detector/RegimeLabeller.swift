import BarbellQuant

/// Names each hidden state of a regime model with one of the six ``RegimeLabel``s by fixed,
/// documented rules on its ``RegimeStateStatistics`` (annualised figures, returns as fractions).
///
/// The rules, applied to each state in this order (the first that matches wins):
/// 1. **Crisis** — volatility ≥ ``crisisVolatility`` with a negative return, or a drawdown ≥
///    ``crisisDrawdown`` with a return ≤ ``bearReturn``.
/// 2. **Bear** — return ≤ ``bearReturn`` and trend ≤ −``minimumTrend``.
/// 3. **Recovery** (second pass, once the Bear/Crisis states are known) — return ≥
///    ``recoveryReturn`` and either at least ``recoveryEntryShare`` of the stationary probability
///    flow into the state comes from Bear/Crisis states (`πᵢ Aᵢⱼ` over `i ≠ j`), or the state's
///    mean drawdown is ≥ ``recoveryDrawdown`` (prices rising while still well below the peak).
/// 4. **Volatile** — volatility ≥ ``volatileVolatility``.
/// 5. **Bull** — return ≥ ``bullReturn`` and trend ≥ ``minimumTrend``.
/// 6. **Sideways** — everything else.
///
/// The rules are deterministic and label states independently (two states may share a label),
/// because a market can have, say, a calm and a nervous bull phase.
public enum RegimeLabeller {
    /// Annualised volatility from which a losing state is a Crisis (40%: about 2.5% a day).
    public static let crisisVolatility = 0.40
    /// Mean drawdown from which a Bear-like state is a Crisis (35%: an ordinary bear market
    /// already sits 20–30% below its one-year peak, so the crisis bar is a third and more).
    public static let crisisDrawdown = 0.35
    /// Annualised volatility from which a directionless state is Volatile (25%, above equities' long-run ≈ 16–20%).
    public static let volatileVolatility = 0.25
    /// Annualised return from which a state can be Bull (+8%).
    public static let bullReturn = 0.08
    /// Annualised return up to which a state can be Bear (−8%).
    public static let bearReturn = -0.08
    /// Minimum |trend| (annualised Sharpe ratio) of a Bull or Bear state (0.3), so drift inside noise is Sideways.
    public static let minimumTrend = 0.3
    /// Annualised return from which a state can be Recovery (+5%).
    public static let recoveryReturn = 0.05
    /// Share of entries from Bear/Crisis states that makes a gaining state a Recovery (75%: a
    /// bull market is often entered from a sell-off too, so only a state entered mostly from
    /// stress is a recovery phase of its own).
    public static let recoveryEntryShare = 0.75
    /// Mean drawdown from which a gaining state is a Recovery (15%; a bull state's own dips
    /// average about 10% below the one-year peak).
    public static let recoveryDrawdown = 0.15

    /// The label of one state from its statistics alone (rules 1, 2, 4–6 and the drawdown arm of rule 3,
    /// with ``RegimeStateStatistics/stressEntryShare`` as given).
    public static func label(_ s: RegimeStateStatistics) -> RegimeLabel {
        if (s.annualisedVolatility >= crisisVolatility && s.annualisedReturn < 0)
            || (s.drawdown >= crisisDrawdown && s.annualisedReturn <= bearReturn) { return .crisis }
        if s.annualisedReturn <= bearReturn && s.trend <= -minimumTrend { return .bear }
        if s.annualisedReturn >= recoveryReturn
            && (s.stressEntryShare >= recoveryEntryShare || s.drawdown >= recoveryDrawdown) { return .recovery }
        if s.annualisedVolatility >= volatileVolatility { return .volatile }
        if s.annualisedReturn >= bullReturn && s.trend >= minimumTrend { return .bull }
        return .sideways
    }

    /// Labels every state, using `transitionMatrix` for the entry-share arm of the Recovery rule.
    ///
    /// - Returns: the labels and the statistics with ``RegimeStateStatistics/stressEntryShare`` filled in.
    /// - Throws: `.shapeMismatch` when the matrix is not `K × K` for `K` statistics, `.nonFinite`
    ///   for a NaN statistic or probability, `.invalidArgument` for a negative probability.
    public static func label(_ statistics: [RegimeStateStatistics], transitionMatrix: [[Double]]) throws
        -> (labels: [RegimeLabel], statistics: [RegimeStateStatistics]) {
        let k = statistics.count
        guard transitionMatrix.count == k, transitionMatrix.allSatisfy({ $0.count == k }) else {
            throw RegimeError(.shapeMismatch, "transitionMatrix: expected \(k) × \(k) for \(k) states")
        }
        for (i, s) in statistics.enumerated() {
            guard [s.annualisedReturn, s.annualisedVolatility, s.drawdown, s.trend].allSatisfy(\.isFinite) else {
                throw RegimeError(.nonFinite, "statistics[\(i)]: expected finite values")
            }
        }
        for (i, row) in transitionMatrix.enumerated() {
            for (j, p) in row.enumerated() {
                guard p.isFinite else { throw RegimeError(.nonFinite, "transitionMatrix[\(i)][\(j)]: expected a finite probability") }
                guard p >= 0 else { throw RegimeError(.invalidArgument, "transitionMatrix[\(i)][\(j)] = \(p): expected ≥ 0") }
            }
        }
        // Pass 1: stress states from the statistics alone (entry share not yet known).
        var stats = statistics.map { s -> RegimeStateStatistics in var c = s; c.stressEntryShare = 0; return c }
        let stress = stats.map { [.crisis, .bear].contains(label($0)) }
        let pi = stationaryDistribution(transitionMatrix)
        for j in 0..<k {
            var inflow = 0.0, fromStress = 0.0
            for i in 0..<k where i != j {
                let f = pi[i] * transitionMatrix[i][j]
                inflow += f
                if stress[i] { fromStress += f }
            }
            stats[j].stressEntryShare = inflow > 0 ? fromStress / inflow : 0
        }
        return (stats.map(label), stats)
    }

    /// Stationary distribution by 10,000 fixed power iterations from uniform (deterministic; a
    /// reducible chain gives the limit reached from uniform, which is what the flow share needs).
    static func stationaryDistribution(_ a: [[Double]]) -> [Double] {
        let k = a.count
        var p = [Double](repeating: 1 / Double(k), count: k)
        for _ in 0..<10_000 {
            var q = [Double](repeating: 0, count: k)
            for i in 0..<k { for j in 0..<k { q[j] += p[i] * a[i][j] } }
            let s = q.reduce(0, +)
            p = s > 0 ? q.map { $0 / s } : q
        }
        return p
    }
}

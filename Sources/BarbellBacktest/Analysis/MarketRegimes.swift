import BarbellRegimes

/// Market regimes for splitting a backtest's performance: a seeded Gaussian HMM on a market
/// return series, each bar labelled with its most probable state given the returns up to that
/// bar (forward filtering, so a label never uses later prices), states named by volatility.
///
/// The model's parameters are fitted on the whole period: the split is a description of when the
/// strategy made and lost money, not a signal it could have traded.
public struct MarketRegimes: Sendable, Equatable {
    /// Per bar, the state index (0 = calmest), or −1 before the first return.
    public let labels: [Int]
    /// State names, calmest first.
    public let names: [String]
    /// Each state's annualised volatility, calmest first.
    public let volatility: [Double]

    /// - Parameters:
    ///   - returns: the market's simple returns per bar (the first bar has none: pass NaN there).
    ///   - states: number of regimes (2–5).
    public init(returns: [Double], states: Int, periodsPerYear: Double, seed: UInt64) throws {
        guard (2...5).contains(states) else {
            throw BacktestError(.invalidArgument, "regimes: \(states) states; expected 2 to 5")
        }
        let defined = returns.indices.filter { returns[$0].isFinite }
        guard defined.count >= 20 * states else {
            throw BacktestError(.insufficientData, "regimes: \(defined.count) returns; a \(states)-state model needs at least \(20 * states)")
        }
        let observations = defined.map { [returns[$0]] }
        let fit = try GaussianHMM.fit(observations, states: states, covarianceType: .diag, restarts: 3, seed: seed)
        let model = fit.model
        let order = (0..<states).sorted { model.covariances[$0][0][0] < model.covariances[$1][0][0] }
        var rank = [Int](repeating: 0, count: states)
        for (r, s) in order.enumerated() { rank[s] = r }
        let filtered = try model.filteredProbabilities(observations)
        var labels = [Int](repeating: -1, count: returns.count)
        for (k, t) in defined.enumerated() {
            let p = filtered[k]
            labels[t] = rank[p.indices.max { p[$0] < p[$1] }!]
        }
        let allNames: [Int: [String]] = [2: ["calm", "turbulent"], 3: ["calm", "normal", "turbulent"],
                                         4: ["calm", "normal", "volatile", "crisis"],
                                         5: ["very calm", "calm", "normal", "volatile", "crisis"]]
        self.labels = labels
        self.names = allNames[states]!
        self.volatility = order.map { (model.covariances[$0][0][0] * periodsPerYear).squareRoot() }
    }
}

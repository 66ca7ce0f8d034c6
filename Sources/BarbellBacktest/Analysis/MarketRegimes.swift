import BarbellRegimes

/// Market regimes for splitting a backtest's performance: a seeded Gaussian HMM on a market
/// return series, each bar labelled with its most probable state given the returns before it
/// (one-step forward prediction, so a label never uses its own bar's move or later ones), states
/// named by volatility.
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
        // In percent: the fit's variance floor (hmmlearn's 1e-3) is far above daily returns' variance
        // in fractions, which would floor every state to the same width.
        let observations = defined.map { [returns[$0] * 100] }
        let fit = try GaussianHMM.fit(observations, states: states, covarianceType: .diag, restarts: 3, seed: seed)
        let model = fit.model
        let order = (0..<states).sorted { model.covariances[$0][0][0] < model.covariances[$1][0][0] }
        var rank = [Int](repeating: 0, count: states)
        for (r, s) in order.enumerated() { rank[s] = r }
        // The regime of bar t is predicted from returns before t: P(s_t | r_<t) = P(s_t−1 | r_≤t−1) · A.
        // Filtering on r_t itself would label a bar by its own move (down days as the "bad" state),
        // and the split would only restate the strategy's beta.
        let filtered = try model.filteredProbabilities(observations)
        var labels = [Int](repeating: -1, count: returns.count)
        var prior = model.startProbabilities
        for (k, t) in defined.enumerated() {
            labels[t] = rank[prior.indices.max { prior[$0] < prior[$1] }!]
            let p = filtered[k]
            prior = (0..<states).map { j in (0..<states).reduce(0) { $0 + p[$1] * model.transitionMatrix[$1][j] } }
        }
        let allNames: [Int: [String]] = [2: ["calm", "turbulent"], 3: ["calm", "normal", "turbulent"],
                                         4: ["calm", "normal", "volatile", "crisis"],
                                         5: ["very calm", "calm", "normal", "volatile", "crisis"]]
        self.labels = labels
        self.names = allNames[states]!
        self.volatility = order.map { (model.covariances[$0][0][0] * periodsPerYear).squareRoot() / 100 }
    }
}

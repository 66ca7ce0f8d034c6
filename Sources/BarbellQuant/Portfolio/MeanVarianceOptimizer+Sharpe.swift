extension MeanVarianceOptimizer {
    /// The tangency portfolio, maximising `(wᵀμ − r_f) / √(wᵀΣw)` (PyPortfolioOpt's
    /// `max_sharpe`), through its convex reformulation: minimise `yᵀΣy` subject to
    /// `(μ − r_f)ᵀy = 1`, `Σyᵢ = κ`, `κ ≥ 0` and every weight constraint multiplied by `κ`;
    /// then `w = y / κ`.
    ///
    /// - Throws: `infeasible` when no portfolio within the constraints earns more than the
    ///   risk-free rate; `invalidArgument` with a turnover limit or market neutrality, which the
    ///   homogenised problem cannot express.
    public func maxSharpe(riskFreeRate: Double = 0) throws -> PortfolioResult {
        guard riskFreeRate.isFinite else { throw QuantError(.invalidArgument, "the risk-free rate must be finite, got \(riskFreeRate)") }
        guard constraints.turnover == nil, !constraints.marketNeutral else {
            throw QuantError(.invalidArgument, "max Sharpe cannot take a turnover limit or market neutrality (the reformulated problem is homogeneous); use efficient return or risk")
        }
        let n = assetCount
        let c = constraints
        let k = n                                       // index of κ
        var qp = QuadraticProgram(dimension: n + 1)
        qp.quadratic = covariance
        qp.lower[k] = 0
        func row(_ entries: [(Int, Double)]) -> [Double] {
            var a = [Double](repeating: 0, count: n + 1)
            for (i, v) in entries { a[i] += v }
            return a
        }
        let longOnly = c.lowerBounds.allSatisfy { $0 >= 0 }
        for i in 0..<n {
            // yᵢ ≥ lᵢκ is a plain bound when lᵢ = 0; yᵢ ≤ uᵢκ is implied by Σy = κ, y ≥ 0 when uᵢ ≥ 1.
            if c.lowerBounds[i] == 0 {
                qp.lower[i] = 0
            } else {
                qp.rows.append(.init(name: "lower bound of \(names[i])", coefficients: row([(i, 1), (k, -c.lowerBounds[i])]), sense: .atLeast, bound: 0))
            }
            if !(longOnly && c.upperBounds[i] >= 1) {
                qp.rows.append(.init(name: "upper bound of \(names[i])", coefficients: row([(i, 1), (k, -c.upperBounds[i])]), sense: .atMost, bound: 0))
            }
        }
        qp.rows.append(.init(name: "weights sum to 1", coefficients: row((0..<n).map { ($0, 1) } + [(k, -1)]), sense: .equal, bound: 0))
        for g in c.groups {
            if g.upper.isFinite { qp.rows.append(.init(name: "group \(g.name) ≤ \(g.upper)", coefficients: row(g.assets.map { ($0, 1) } + [(k, -g.upper)]), sense: .atMost, bound: 0)) }
            if g.lower.isFinite { qp.rows.append(.init(name: "group \(g.name) ≥ \(g.lower)", coefficients: row(g.assets.map { ($0, 1) } + [(k, -g.lower)]), sense: .atLeast, bound: 0)) }
        }
        // Last, so that when it is what breaks feasibility it is the one named.
        qp.rows.append(.init(name: "expected return above the risk-free rate \(riskFreeRate)",
                             coefficients: row((0..<n).map { ($0, expectedReturns[$0] - riskFreeRate) }), sense: .equal, bound: 1))
        let s: (x: [Double], status: String)
        do {
            s = try qp.solve()
        } catch let error as QuantError where error.code == .infeasible {
            throw QuantError(.infeasible, "no portfolio within the constraints has an expected return above the risk-free rate \(riskFreeRate) (\(error.message))")
        }
        let kappa = s.x[k]
        guard kappa > 0, kappa.isFinite else {
            throw QuantError(.optimizerFailed, "max Sharpe ended with scale κ = \(kappa); the reformulated problem has no usable solution")
        }
        return try result(s, weights: (0..<n).map { s.x[$0] / kappa }, riskFreeRate: riskFreeRate)
    }
}

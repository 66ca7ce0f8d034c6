/// The portfolio of least conditional value at risk of historical returns (Rockafellar &
/// Uryasev, "Optimization of conditional value-at-risk", *J. Risk* 2(3), 2000), as
/// PyPortfolioOpt's `EfficientCVaR.min_cvar`: the linear programme
/// `min α + Σₜ uₜ / (T(1 − β))` over `uₜ ≥ 0`, `uₜ ≥ −rₜᵀw − α`, solved by GLPK.
public enum MinimumCVaR {
    public struct Result: Sendable {
        /// One weight per asset.
        public var weights: [Double]
        /// The minimised CVaR at `beta`: the mean loss in the worst `1 − β` of periods (positive is a loss).
        public var conditionalValueAtRisk: Double
        /// The VaR `α` at the optimum.
        public var valueAtRisk: Double
        /// Dates dropped because some asset's return was missing (PyPortfolioOpt drops them too).
        public var droppedRows: Int
    }

    /// - Parameters:
    ///   - returns: per-period returns, rows are dates; rows with any NaN are dropped.
    ///   - beta: the confidence level (PyPortfolioOpt's default 0.95).
    public static func optimize(returns: Matrix, beta: Double = 0.95, constraints: PortfolioConstraints? = nil,
                                method: LinearProgram.Method = .simplex) throws -> Result {
        guard beta > 0, beta < 1 else { throw QuantError(.invalidArgument, "beta must be in (0, 1), got \(beta)") }
        let n = returns.columns
        guard n >= 1 else { throw QuantError(.shapeMismatch, "the returns have no assets (columns)") }
        let names = (0..<n).map { "asset\($0)" }
        let constraints = constraints ?? PortfolioConstraints(assetCount: n)
        try constraints.validate(assetCount: n, names: names)
        guard constraints.turnover == nil else { throw QuantError(.invalidArgument, "minimum CVaR does not take a turnover limit") }
        if let k = returns.values.firstIndex(where: { $0.isInfinite }) {
            throw QuantError(.nonFinite, "return at row \(k / n), asset \(k % n) is infinite")
        }
        let kept = (0..<returns.rows).filter { t in (0..<n).allSatisfy { !returns[t, $0].isNaN } }
        let rows = kept.count
        guard rows >= 2 else { throw QuantError(.insufficientData, "minimum CVaR needs at least 2 dates with every asset's return, got \(rows)") }
        // Variables: w (n), α, u (T).
        let alpha = n, u0 = n + 1
        var lp = LinearProgram(minimizing: Array(repeating: 0, count: n) + [1] + Array(repeating: 1 / (Double(rows) * (1 - beta)), count: rows))
        for i in 0..<n { lp.variableBounds[i] = .between(constraints.lowerBounds[i], constraints.upperBounds[i]) }
        lp.variableBounds[alpha] = .free
        for (k, t) in kept.enumerated() {
            lp.rows.append(.init(indices: Array(0..<n) + [alpha, u0 + k], coefficients: returns.row(t) + [1, 1], bound: .atLeast(0)))
        }
        lp.rows.append(.init(indices: Array(0..<n), coefficients: Array(repeating: 1, count: n), bound: .equal(constraints.budget)))
        for g in constraints.groups {
            let bound: LinearProgram.Bound = switch (g.lower.isFinite, g.upper.isFinite) {
            case (true, true): .between(g.lower, g.upper)
            case (true, false): .atLeast(g.lower)
            case (false, true): .atMost(g.upper)
            case (false, false): .free
            }
            lp.rows.append(.init(indices: g.assets, coefficients: g.assets.map { _ in 1 }, bound: bound))
        }
        let s = try lp.solve(method: method)
        return Result(weights: Array(s.x.prefix(n)).map { $0 + 0.0 }, conditionalValueAtRisk: s.value, valueAtRisk: s.x[alpha], droppedRows: returns.rows - rows)
    }
}

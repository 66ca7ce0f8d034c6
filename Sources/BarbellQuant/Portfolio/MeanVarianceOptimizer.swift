/// Markowitz mean-variance optimisation as PyPortfolioOpt's `EfficientFrontier`: minimum
/// volatility, maximum Sharpe ratio, efficient return and efficient risk, and the efficient
/// frontier, under ``PortfolioConstraints``.
///
/// Each problem is a convex quadratic programme (maximum Sharpe through the homogenised
/// reformulation of Cornuejols & Tütüncü, *Optimization Methods in Finance*, 2007, §8.2, which
/// PyPortfolioOpt uses), solved by SLSQP from a GLPK-feasible start.
public struct MeanVarianceOptimizer: Sendable {
    /// Asset names, in the order of the weights.
    public let names: [String]
    /// Annualised expected returns `μ`.
    public let expectedReturns: [Double]
    /// Annualised covariance `Σ` (regularised when that was asked for and needed).
    public let covariance: Matrix
    /// The constraints every portfolio of this optimiser meets.
    public let constraints: PortfolioConstraints
    /// Notes on the inputs (a regularised covariance).
    public let diagnostics: [String]

    /// - Parameters:
    ///   - names: asset names for messages (default `asset0`, `asset1`, ...).
    ///   - constraints: default long-only `[0, 1]` bounds, weights summing to 1.
    ///   - regularize: replace a singular or indefinite covariance by the nearest positive-definite
    ///     one instead of failing.
    /// - Throws: `notPositiveDefinite` naming the assets of a singular covariance (unless
    ///   `regularize`), `shapeMismatch`, `nonFinite`, `invalidArgument` for bad constraints.
    public init(expectedReturns: [Double], covariance: Matrix, names: [String]? = nil,
                constraints: PortfolioConstraints? = nil, regularize: Bool = false) throws {
        let n = expectedReturns.count
        guard n >= 1 else { throw QuantError(.shapeMismatch, "no assets: the expected returns are empty") }
        let names = names ?? (0..<n).map { "asset\($0)" }
        guard names.count == n else { throw QuantError(.shapeMismatch, "\(n) expected returns but \(names.count) names") }
        if let i = expectedReturns.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "the expected return of \(names[i]) is \(expectedReturns[i])")
        }
        if let k = covariance.values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "covariance entry (\(names[safe: k / max(covariance.columns, 1)]), \(names[safe: k % max(covariance.columns, 1)])) is \(covariance.values[k])")
        }
        let constraints = constraints ?? PortfolioConstraints(assetCount: n)
        try constraints.validate(assetCount: n, names: names)
        let (checked, notes) = try CovarianceCheck.checked(covariance, names: names, regularize: regularize)
        self.names = names
        self.expectedReturns = expectedReturns
        self.covariance = checked
        self.constraints = constraints
        self.diagnostics = notes
    }

    var assetCount: Int { expectedReturns.count }

    /// The weights programme with its constraints: variables are the weights, then (with a
    /// turnover limit) one auxiliary `tᵢ ≥ |wᵢ − currentᵢ|` per asset.
    func weightProgram() -> QuadraticProgram {
        let n = assetCount
        let c = constraints
        let extra = c.turnover == nil ? 0 : n
        var qp = QuadraticProgram(dimension: n + extra)
        for i in 0..<n { qp.lower[i] = c.lowerBounds[i]; qp.upper[i] = c.upperBounds[i] }
        func row(_ entries: [(Int, Double)]) -> [Double] {
            var a = [Double](repeating: 0, count: n + extra)
            for (i, v) in entries { a[i] += v }
            return a
        }
        qp.rows.append(.init(name: c.marketNeutral ? "weights sum to 0 (market neutral)" : "weights sum to 1",
                             coefficients: row((0..<n).map { ($0, 1) }), sense: .equal, bound: c.budget))
        for g in c.groups {
            let a = row(g.assets.map { ($0, 1) })
            if g.upper.isFinite { qp.rows.append(.init(name: "group \(g.name) ≤ \(g.upper)", coefficients: a, sense: .atMost, bound: g.upper)) }
            if g.lower.isFinite { qp.rows.append(.init(name: "group \(g.name) ≥ \(g.lower)", coefficients: a, sense: .atLeast, bound: g.lower)) }
        }
        if let t = c.turnover {
            for i in 0..<n {
                qp.lower[n + i] = 0
                qp.rows.append(.init(name: "turnover of \(names[i]) (above)", coefficients: row([(n + i, 1), (i, -1)]), sense: .atLeast, bound: -t.current[i]))
                qp.rows.append(.init(name: "turnover of \(names[i]) (below)", coefficients: row([(n + i, 1), (i, 1)]), sense: .atLeast, bound: t.current[i]))
            }
            qp.rows.append(.init(name: "turnover ≤ \(t.limit)", coefficients: row((0..<n).map { (n + $0, 1) }), sense: .atMost, bound: t.limit))
        }
        return qp
    }

    func result(_ solution: (x: [Double], status: String), weights: [Double], riskFreeRate: Double) throws -> PortfolioResult {
        let w = weights.map { $0 + 0.0 == 0 ? 0 : $0 }
        return PortfolioResult(weights: w,
                               performance: try PortfolioPerformance(weights: w, expectedReturns: expectedReturns, covariance: covariance, riskFreeRate: riskFreeRate),
                               status: solution.status,
                               diagnostics: diagnostics)
    }

    /// The minimum-variance portfolio (PyPortfolioOpt's `min_volatility`).
    public func minVolatility(riskFreeRate: Double = 0) throws -> PortfolioResult {
        var qp = weightProgram()
        qp.quadratic = covariance
        let s = try qp.solve()
        return try result(s, weights: Array(s.x.prefix(assetCount)), riskFreeRate: riskFreeRate)
    }

    /// The lowest-variance portfolio whose expected return is at least `targetReturn`
    /// (PyPortfolioOpt's `efficient_return`).
    ///
    /// - Throws: `infeasible` when no portfolio within the constraints reaches the target.
    public func efficientReturn(targetReturn: Double, riskFreeRate: Double = 0) throws -> PortfolioResult {
        guard targetReturn.isFinite else { throw QuantError(.invalidArgument, "the target return must be finite, got \(targetReturn)") }
        var qp = weightProgram()
        let best = try qp.maximum(of: expectedReturns + Array(repeating: 0, count: qp.dimension - assetCount))
        guard targetReturn <= best + 1e-12 * max(abs(best), 1) else {
            throw QuantError(.infeasible, "the target return \(targetReturn) exceeds \(best), the highest expected return within the constraints")
        }
        qp.quadratic = covariance
        qp.rows.append(.init(name: "expected return ≥ \(targetReturn)", coefficients: expectedReturns + Array(repeating: 0, count: qp.dimension - assetCount),
                             sense: .atLeast, bound: min(targetReturn, best)))
        let s = try qp.solve()
        return try result(s, weights: Array(s.x.prefix(assetCount)), riskFreeRate: riskFreeRate)
    }

    /// The highest-return portfolio whose volatility is at most `targetVolatility`
    /// (PyPortfolioOpt's `efficient_risk`).
    ///
    /// That portfolio is the efficient-return portfolio whose volatility is the target (or the
    /// highest-return portfolio, when even that is less volatile), and the frontier's volatility
    /// rises with the target return, so the target return is found by bisection over exact
    /// efficient-return solutions: the weights come from the active-set QP, not from a
    /// quadratically constrained solve.
    ///
    /// - Throws: `infeasible` when the target is below the minimum volatility.
    public func efficientRisk(targetVolatility: Double, riskFreeRate: Double = 0) throws -> PortfolioResult {
        guard targetVolatility > 0, targetVolatility.isFinite else {
            throw QuantError(.invalidArgument, "the target volatility must be positive, got \(targetVolatility)")
        }
        let floor = try minVolatility(riskFreeRate: riskFreeRate)
        guard targetVolatility >= floor.performance.volatility * (1 - 1e-12) else {
            throw QuantError(.infeasible, "the target volatility \(targetVolatility) is below \(floor.performance.volatility), the minimum volatility within the constraints")
        }
        let qp = weightProgram()
        let top = try qp.maximum(of: expectedReturns + Array(repeating: 0, count: qp.dimension - assetCount))
        let highest = try efficientReturn(targetReturn: top, riskFreeRate: riskFreeRate)
        if highest.performance.volatility <= targetVolatility { return highest }
        var low = floor.performance.expectedReturn, high = top
        var best = floor
        var steps = 0
        while high - low > 1e-14 * max(abs(high), abs(low), 1e-3), steps < 200 {
            let mid = 0.5 * (low + high)
            let candidate = try efficientReturn(targetReturn: mid, riskFreeRate: riskFreeRate)
            if candidate.performance.volatility <= targetVolatility {
                low = mid
                best = candidate
            } else {
                high = mid
            }
            steps += 1
        }
        best.status += "; target return \(low) found by \(steps) bisection steps"
        return best
    }
}

extension Array where Element == String {
    subscript(safe i: Int) -> String { indices.contains(i) ? self[i] : "#\(i)" }
}

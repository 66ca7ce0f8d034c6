@testable import BarbellQuant
import Testing

extension QuantFixture {
    /// `portfolio.py` (PyPortfolioOpt 1.6.0 and SciPy).
    static let portfolio = load("portfolio.json")
}

/// The fixture's prices (a stored −1 is a missing price) and the inputs PyPortfolioOpt used.
private struct Case {
    let name: String
    let prices: Matrix
    let returns: Matrix
    let mu: [Double]
    let covariance: Matrix
    let f = QuantFixture.portfolio

    init(_ name: String) throws {
        self.name = name
        var p = try QuantFixture.portfolio.matrix(name, "prices")
        for k in p.values.indices where p.values[k] < 0 { p.values[k] = .nan }
        prices = p
        returns = try ExpectedReturns.returns(fromPrices: p)
        mu = try ExpectedReturns.meanHistorical(returns: returns)
        covariance = try PortfolioRiskModel.sample.covariance(returns: returns)
    }

    var n: Int { prices.columns }
    func vector(_ key: String) -> [Double] { f.vector(name, key) }
    func optimizer(_ constraints: PortfolioConstraints? = nil) throws -> MeanVarianceOptimizer {
        try MeanVarianceOptimizer(expectedReturns: mu, covariance: covariance, constraints: constraints)
    }
}

/// Largest absolute difference.
private func maxAbs(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "\(a.count) vs \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite("Portfolio optimisation against PyPortfolioOpt 1.6.0")
struct PortfolioTests {
    static let cases = ["sp20", "sp8gap", "listings"]

    @Test("expected returns and annualised covariances (pairwise on gapped prices)", arguments: cases)
    func inputs(name: String) throws {
        let c = try Case(name)
        // Same formulas, different summation order: round-off only.
        #expect(relativeError(c.mu, c.vector("mu")) < 1e-10)
        #expect(relativeError(c.covariance.values, try c.f.matrix(name, "cov_sample").values) < 1e-10)
        let lw = try PortfolioRiskModel.ledoitWolf.covariance(returns: c.returns)
        #expect(relativeError(lw.values, try c.f.matrix(name, "cov_ledoit_wolf").values) < 1e-10)
        let exp = try PortfolioRiskModel.exponential.covariance(returns: c.returns)
        #expect(relativeError(exp.values, try c.f.matrix(name, "cov_exp").values) < 1e-10)
    }

    // Tolerances: the issue asks 1e-4 (min volatility) and 1e-3 (max Sharpe) on the weights.
    // Our QPs are solved exactly (active set, round-off only) and PyPortfolioOpt's Clarabel
    // solutions agree to < 1e-9 on these data, so weights are held to 1e-8 and performance to
    // 1e-7 (1e-6 where the issue's bound is looser).
    @Test("minimum volatility and maximum Sharpe, long-only and bounded", arguments: cases)
    func minVolatilityAndMaxSharpe(name: String) throws {
        let c = try Case(name)
        let plain = try c.optimizer()
        let minVol = try plain.minVolatility(riskFreeRate: 0.02)
        #expect(maxAbs(minVol.weights, c.vector("min_volatility")) < 1e-8)
        let ref = c.vector("min_volatility_perf")
        #expect(maxAbs([minVol.performance.expectedReturn, minVol.performance.volatility, minVol.performance.sharpeRatio], ref) < 1e-6)
        let sharpe = try plain.maxSharpe(riskFreeRate: 0.02)
        #expect(maxAbs(sharpe.weights, c.vector("max_sharpe")) < 1e-8)
        let sref = c.vector("max_sharpe_perf")
        #expect(abs(sharpe.performance.sharpeRatio - sref[2]) < 1e-7)

        let b = c.vector("bounds")
        let bounded = try c.optimizer(PortfolioConstraints(assetCount: c.n, lower: b[0], upper: b[1]))
        #expect(maxAbs(try bounded.minVolatility().weights, c.vector("min_volatility_bounded")) < 1e-8)
        #expect(maxAbs(try bounded.maxSharpe(riskFreeRate: 0.02).weights, c.vector("max_sharpe_bounded")) < 1e-8)
    }

    @Test("efficient return, efficient risk and market-neutral return", arguments: cases)
    func efficient(name: String) throws {
        let c = try Case(name)
        let plain = try c.optimizer()
        let er = try plain.efficientReturn(targetReturn: c.f.number(name, "target_return"), riskFreeRate: 0.02)
        #expect(maxAbs(er.weights, c.vector("efficient_return")) < 1e-8)
        #expect(abs(er.performance.volatility - c.vector("efficient_return_perf")[1]) < 1e-7)
        let target = c.f.number(name, "target_volatility")
        let risk = try plain.efficientRisk(targetVolatility: target, riskFreeRate: 0.02)
        // PyPortfolioOpt solves this one as a second-order cone programme, whose solutions sit
        // 2e-11 (sp20) and 3e-10 (sp8gap) outside the volatility cap; ours meets it exactly. On
        // these flat optima that moves weights by ~2e-6, hence 1e-5 here, and the returns differ
        // by what the cap violation buys (≤ 3e-9), hence 1e-8.
        #expect(maxAbs(risk.weights, c.vector("efficient_risk")) < 1e-5)
        #expect(risk.performance.volatility <= target * (1 + 1e-12))
        #expect(abs(risk.performance.expectedReturn - c.vector("efficient_risk_perf")[0]) < 1e-8)
        var neutral = PortfolioConstraints(assetCount: c.n, lower: -1, upper: 1)
        neutral.marketNeutral = true
        let mn = try c.optimizer(neutral).efficientReturn(targetReturn: 0.1)
        #expect(maxAbs(mn.weights, c.vector("market_neutral_return")) < 1e-8)
        #expect(abs(mn.weights.reduce(0, +)) < 1e-8)
    }

    @Test("group caps and floors, L1 turnover limit", arguments: cases)
    func constrained(name: String) throws {
        let c = try Case(name)
        var groups = PortfolioConstraints(assetCount: c.n)
        groups.groups = [
            .init(name: "a", assets: Array(stride(from: 0, to: c.n, by: 3)), upper: 0.2),
            .init(name: "b", assets: Array(stride(from: 1, to: c.n, by: 3)), lower: 0.5),
        ]
        let g = try c.optimizer(groups)
        #expect(maxAbs(try g.minVolatility().weights, c.vector("min_volatility_groups")) < 1e-8)
        #expect(maxAbs(try g.maxSharpe(riskFreeRate: 0.02).weights, c.vector("max_sharpe_groups")) < 1e-8)
        var turnover = PortfolioConstraints(assetCount: c.n)
        let current = Array(repeating: 1 / Double(c.n), count: c.n)
        turnover.turnover = .init(current: current, limit: 0.5)
        let t = try c.optimizer(turnover).minVolatility()
        #expect(maxAbs(t.weights, c.vector("min_volatility_turnover")) < 1e-8)
        #expect(zip(t.weights, current).reduce(0) { $0 + abs($1.0 - $1.1) } <= 0.5 + 1e-9)
    }

    @Test("efficient frontier: ends at minimum volatility and the best return, volatility rising")
    func frontier() throws {
        let c = try Case("sp20")
        let opt = try c.optimizer()
        let points = try opt.efficientFrontier(points: 6)
        #expect(points.count == 6)
        #expect(maxAbs(points[0].weights, c.vector("min_volatility")) < 1e-8)
        #expect(abs(points[5].performance.expectedReturn - c.mu.max()!) < 1e-7)
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(b.performance.volatility >= a.performance.volatility - 1e-9)
            #expect(b.performance.expectedReturn > a.performance.expectedReturn)
        }
    }

    @Test("hierarchical risk parity: SciPy's linkage, tree order and weights", arguments: cases)
    func hrp(name: String) throws {
        let c = try Case(name)
        let result = try HierarchicalRiskParity.optimize(returns: c.returns)
        let linkage = try c.f.matrix(name, "hrp_linkage")
        for k in 0..<linkage.rows {
            #expect(result.linkage[k][0] == linkage[k, 0] && result.linkage[k][1] == linkage[k, 1] && result.linkage[k][3] == linkage[k, 3], "merge \(k)")
            #expect(abs(result.linkage[k][2] - linkage[k, 2]) < 1e-12)
        }
        #expect(relativeError(result.weights, c.vector("hrp")) < 1e-10)
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
        // HRPOpt's performance: arithmetic mean return × 252 and the pairwise covariance × 252.
        let arithmetic = try ExpectedReturns.meanHistorical(returns: c.returns, compounding: false)
        let perf = try PortfolioPerformance(weights: result.weights, expectedReturns: arithmetic, covariance: c.covariance, riskFreeRate: 0.02)
        #expect(maxAbs([perf.expectedReturn, perf.volatility, perf.sharpeRatio], c.vector("hrp_perf")) < 1e-10)
    }

    @Test("Black-Litterman: implied prior, posterior (He-Litterman and Idzorek Ω), weights", arguments: cases)
    func blackLitterman(name: String) throws {
        let c = try Case(name)
        let delta = try BlackLittermanModel.marketImpliedRiskAversion(marketPrices: c.vector("market_index"))
        #expect(abs(delta - c.f.number(name, "bl_delta")) < 1e-10 * abs(delta))
        let prior = try BlackLittermanModel.marketImpliedPriorReturns(marketCaps: c.vector("market_caps"), riskAversion: delta, covariance: c.covariance)
        #expect(relativeError(prior, c.vector("bl_prior")) < 1e-10)
        let p = try c.f.matrix(name, "bl_P"), q = c.vector("bl_Q")
        let bl = try BlackLittermanModel(covariance: c.covariance, prior: prior, picking: p, views: q)
        #expect(relativeError(bl.posteriorReturns, c.vector("bl_returns")) < 1e-10)
        #expect(relativeError(bl.posteriorCovariance.values, try c.f.matrix(name, "bl_cov").values) < 1e-10)
        #expect(relativeError(bl.omega.values, try c.f.matrix(name, "bl_omega").values) < 1e-10)
        #expect(relativeError(try bl.weights(riskAversion: delta), c.vector("bl_weights")) < 1e-8)
        let idz = try BlackLittermanModel(covariance: c.covariance, prior: prior, picking: p, views: q,
                                          uncertainty: .idzorek(confidences: c.vector("bl_confidences")))
        #expect(relativeError(idz.posteriorReturns, c.vector("bl_idzorek_returns")) < 1e-10)
        #expect(relativeError(idz.posteriorCovariance.values, try c.f.matrix(name, "bl_idzorek_cov").values) < 1e-10)
        #expect(relativeError(idz.omega.values, try c.f.matrix(name, "bl_idzorek_omega").values) < 1e-10)
    }

    @Test("minimum CVaR (Rockafellar-Uryasev LP) and equal risk contribution", arguments: cases)
    func cvarAndRiskParity(name: String) throws {
        let c = try Case(name)
        let cvar = try MinimumCVaR.optimize(returns: c.returns)
        // Both solve the same LP to optimality: GLPK's simplex gives a vertex, Clarabel an
        // interior solution to its default tolerance (measured differences 6e-9 and 4e-8 on the
        // weights). A degenerate LP could have several optimal weight vectors; on these data it
        // has one, so weights are compared too, to 1e-6.
        #expect(abs(cvar.conditionalValueAtRisk - c.f.number(name, "min_cvar_value")) < 1e-8)
        #expect(maxAbs(cvar.weights, c.vector("min_cvar")) < 1e-6)
        let rp = try RiskParity.optimize(covariance: c.covariance)
        #expect(maxAbs(rp.weights, c.vector("risk_parity")) < 1e-8)
    }
}

@Suite("Portfolio optimisation: bad input")
struct PortfolioBadInputTests {
    @Test("a duplicated asset is a singular covariance naming both, unless regularised")
    func singular() throws {
        let c = try Case("sp20")
        var rows: [[Double]] = (0..<c.returns.rows).map { c.returns.row($0) }
        rows = rows.map { $0 + [$0[3]] }
        let returns = try Matrix(rows)
        let cov = try PortfolioRiskModel.sample.covariance(returns: returns)
        let mu = c.mu + [c.mu[3]]
        let names = (0..<21).map { "T\($0)" }
        do {
            _ = try MeanVarianceOptimizer(expectedReturns: mu, covariance: cov, names: names)
            Issue.record("a singular covariance was accepted")
        } catch let e as QuantError {
            #expect(e.code == .notPositiveDefinite)
            #expect(e.message.contains("T3") && e.message.contains("T20"), "\(e.message)")
        }
        let fixed = try MeanVarianceOptimizer(expectedReturns: mu, covariance: cov, names: names, regularize: true)
        #expect(!fixed.diagnostics.isEmpty)
        let w = try fixed.minVolatility().weights
        // The duplicate pair shares what asset 3 alone gets.
        #expect(abs(w[3] + w[20] - c.vector("min_volatility")[3]) < 1e-4)
    }

    @Test("infeasible constraints are named")
    func infeasible() throws {
        let c = try Case("sp20")
        func code(_ body: () throws -> Any) -> (QuantError.Code?, String) {
            do { _ = try body(); return (nil, "") } catch let e as QuantError { return (e.code, e.message) } catch { return (nil, "\(error)") }
        }
        let tight = try c.optimizer(PortfolioConstraints(assetCount: c.n, lower: 0, upper: 0.04))
        var r = code { try tight.minVolatility() }
        #expect(r.0 == .infeasible && r.1.contains("weights sum to 1"), "\(r.1)")
        var groups = PortfolioConstraints(assetCount: c.n)
        groups.groups = [.init(name: "tech", assets: [0, 1], lower: 0.5), .init(name: "rest", assets: Array(2..<c.n), lower: 0.6)]
        r = code { try c.optimizer(groups).minVolatility() }
        #expect(r.0 == .infeasible && r.1.contains("group rest"), "\(r.1)")
        let plain = try c.optimizer()
        r = code { try plain.efficientReturn(targetReturn: c.mu.max()! + 0.01) }
        #expect(r.0 == .infeasible && r.1.contains("target return"), "\(r.1)")
        r = code { try plain.efficientRisk(targetVolatility: 0.01) }
        #expect(r.0 == .infeasible && r.1.contains("minimum volatility"), "\(r.1)")
        r = code { try plain.maxSharpe(riskFreeRate: c.mu.max()! + 0.01) }
        #expect(r.0 == .infeasible && r.1.contains("risk-free"), "\(r.1)")
    }

    @Test("shapes, NaN and invalid parameters")
    func invalid() throws {
        let c = try Case("sp20")
        func code(_ body: () throws -> Any) -> QuantError.Code? {
            do { _ = try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
        }
        #expect(code { try MeanVarianceOptimizer(expectedReturns: Array(c.mu.prefix(5)), covariance: c.covariance) } == .shapeMismatch)
        #expect(code { try MeanVarianceOptimizer(expectedReturns: [.nan] + c.mu.dropFirst(), covariance: c.covariance) } == .nonFinite)
        #expect(code { try MeanVarianceOptimizer(expectedReturns: c.mu, covariance: c.covariance, constraints: PortfolioConstraints(assetCount: c.n, lower: 0.5, upper: 0.1)) } == .invalidArgument)
        #expect(code { try c.optimizer().efficientFrontier(points: 1) } == .invalidArgument)
        #expect(code { try c.optimizer().efficientRisk(targetVolatility: -1) } == .invalidArgument)
        #expect(code { try ExpectedReturns.returns(fromPrices: Matrix(rows: 1, columns: 2, values: [1, 2])) } == .insufficientData)
        #expect(code { try ExpectedReturns.returns(fromPrices: Matrix([[1, 2], [-1, 3]])) } == .invalidArgument)
        #expect(code { try ExpectedReturns.returns(fromPrices: Matrix([[1, .nan], [2, .nan], [3, 4]])) } == .insufficientData)
        #expect(code { try HierarchicalRiskParity.optimize(returns: Matrix([[0.1], [0.2]])) } == .invalidArgument)
        #expect(code { try HierarchicalRiskParity.optimize(covariance: Matrix([[1, 0], [0, 0]])) } == .invalidArgument)
        #expect(code { try MinimumCVaR.optimize(returns: c.returns, beta: 1) } == .invalidArgument)
        #expect(code { try MinimumCVaR.optimize(returns: Matrix([[0.1, .nan], [0.2, 0.1]])) } == .insufficientData)
        #expect(code { try RiskParity.optimize(covariance: c.covariance, budgets: [1]) } == .shapeMismatch)
        #expect(code { try RiskParity.optimize(covariance: Matrix([[1, 0], [0, -1]])) } == .invalidArgument)
        let p = try Matrix(rows: 1, columns: c.n, values: [1] + Array(repeating: 0, count: c.n - 1))
        #expect(code { try BlackLittermanModel(covariance: c.covariance, prior: c.mu, picking: p, views: [0.1, 0.2]) } == .shapeMismatch)
        #expect(code { try BlackLittermanModel(covariance: c.covariance, prior: c.mu, picking: p, views: [0.1], uncertainty: .idzorek(confidences: [1.5])) } == .invalidArgument)
        #expect(code { try BlackLittermanModel(covariance: c.covariance, prior: c.mu, picking: p, views: [0.1], tau: 0) } == .invalidArgument)
        #expect(code { try PortfolioRiskModel.sample.covariance(returns: c.returns, frequency: 0) } == .invalidArgument)
    }
}

@Suite("Portfolio QP solvers agree")
struct PortfolioSolverTests {
    @Test("the active-set QP and its SLSQP fallback find the same bounded, grouped minimum variance", arguments: ["sp20", "sp8gap"])
    func activeSetAgainstSLSQP(name: String) throws {
        let c = try Case(name)
        var constraints = PortfolioConstraints(assetCount: c.n, lower: 0.01, upper: 0.3)
        constraints.groups = [.init(name: "first half", assets: Array(0..<(c.n / 2)), lower: 0.4, upper: 0.6)]
        var qp = try c.optimizer(constraints).weightProgram()
        qp.quadratic = c.covariance
        let start = try qp.feasiblePoint()
        let exact = try #require(qp.activeSetSolution(from: start))
        let slsqp = try qp.slsqp(from: start)
        // SLSQP stops at ftol 1e-15 relative on the variance: ~1e-7 on the weights of a QP
        // whose variance is flat to second order around its minimum.
        #expect(maxAbs(exact.x, slsqp.x) < 1e-6)
        #expect(qp.objective(exact.x) <= qp.objective(slsqp.x) * (1 + 1e-12))
        #expect(qp.isFeasible(exact.x))
    }
}

import BarbellData
import BarbellQuant
import Testing

extension QuantFixture {
    /// `var.py` (NumPy, SciPy).
    static let valueAtRisk = load("var.json")
}

@Suite("Value at risk, expected shortfall and VaR backtests")
struct ValueAtRiskTests {
    let fixture = QuantFixture.valueAtRisk
    var returns: [Double] { fixture.vector("series", "returns") }

    @Test("historical, normal and Cornish-Fisher against NumPy/SciPy", arguments: [(0.95, 1), (0.95, 10), (0.99, 1), (0.99, 10)])
    func parametricAndHistorical(confidence: Double, horizon: Int) throws {
        let name = "c\(Int((confidence * 100).rounded()))_h\(horizon)"
        let estimates = [try ValueAtRisk.historical(returns, confidence: confidence, horizon: horizon),
                         try ValueAtRisk.normal(returns, confidence: confidence, horizon: horizon),
                         try ValueAtRisk.cornishFisher(returns, confidence: confidence, horizon: horizon),
                         try ValueAtRisk.studentT(returns, confidence: confidence, horizon: horizon)]
        for estimate in estimates {
            // Closed forms and sorting agree to round-off; the Cornish-Fisher ES is a quadrature
            // on both sides (SciPy's adaptive QUADPACK, our 480-point Gauss-Legendre), 1e-9; the
            // Student-t figures rest on two maximum-likelihood fits whose optima agree to ~1e-6.
            let tolerance = ["cornish_fisher": 1e-9, "student_t": 2e-5][estimate.method] ?? 1e-12
            #expect(abs(estimate.valueAtRisk / fixture.number(name, "\(estimate.method)_var") - 1) < tolerance, "\(estimate.method) VaR")
            #expect(abs(estimate.expectedShortfall / fixture.number(name, "\(estimate.method)_es") - 1) < tolerance, "\(estimate.method) ES")
            #expect(estimate.horizon == horizon && (horizon == 1) == (estimate.horizonScaling == HorizonScaling.none))
        }
    }

    @Test("the Student-t fit reaches SciPy's maximum likelihood")
    func studentTFit() throws {
        let fit = try ValueAtRisk.fitStudentT(returns)
        let reference = fixture.number("c99_h1", "t_loglik")
        #expect(fit.logLikelihood >= reference - 1e-9 * abs(reference), "\(fit.logLikelihood) vs \(reference)")
        #expect(abs(fit.distribution.degreesOfFreedom / fixture.number("c99_h1", "t_df") - 1) < 1e-4)
        #expect(abs(fit.distribution.scale / fixture.number("c99_h1", "t_scale") - 1) < 1e-4)
    }

    @Test("filtered historical simulation matches arch's recipe; longer horizons simulate seeded GARCH paths")
    func filteredHistorical() throws {
        for confidence in [0.95, 0.99] {
            let name = "c\(Int((confidence * 100).rounded()))_h1"
            let estimate = try ValueAtRisk.filteredHistorical(returns, confidence: confidence)
            // Our GARCH optimum and arch's agree to ~1e-4 in the parameters (see GARCHTests), which
            // moves the forecast volatility and the residuals by about as much: 2e-3 relative.
            #expect(abs(estimate.valueAtRisk / fixture.number(name, "fhs_var") - 1) < 2e-3, "VaR \(estimate.valueAtRisk)")
            #expect(abs(estimate.expectedShortfall / fixture.number(name, "fhs_es") - 1) < 2e-3, "ES \(estimate.expectedShortfall)")
        }
        let tenDay = try ValueAtRisk.filteredHistorical(returns, confidence: 0.99, horizon: 10, simulations: 4000, seed: 5)
        let again = try ValueAtRisk.filteredHistorical(returns, confidence: 0.99, horizon: 10, simulations: 4000, seed: 5)
        #expect(tenDay == again)
        let oneDay = try ValueAtRisk.filteredHistorical(returns, confidence: 0.99)
        // Ten days of clustered shocks: well above one day's VaR, and near √10 times it.
        #expect(tenDay.valueAtRisk > 2 * oneDay.valueAtRisk && tenDay.valueAtRisk < 5 * oneDay.valueAtRisk)
        let egarch = #expect(throws: QuantError.self) {
            try ValueAtRisk.filteredHistorical(returns, model: .egarch(), confidence: 0.99, horizon: 5)
        }
        #expect(egarch?.code == .invalidArgument)
    }

    @Test("EVT VaR equals the peaks-over-threshold model on the losses")
    func extremeValue() throws {
        let estimate = try ValueAtRisk.extremeValue(returns, confidence: 0.99)
        let model = try PeaksOverThreshold(losses: returns.map { -$0 }, threshold: .quantile(0.95))
        #expect(estimate.valueAtRisk == (try model.valueAtRisk(confidence: 0.99)))
        #expect(estimate.expectedShortfall == (try model.expectedShortfall(confidence: 0.99)))
    }

    @Test("Monte Carlo VaR converges to the analytic normal VaR and is bit-reproducible")
    func monteCarlo() throws {
        // Three assets with a known covariance: the portfolio return is exactly normal with
        // mean w·μ and variance wᵀΣw, so the simulated VaR must land within sampling error of
        // the closed form (the standard error of a 99% quantile from 200k draws is ≈ 0.6% of σ).
        let covariance = try Matrix([[4e-4, 1e-4, 5e-5], [1e-4, 2.25e-4, 3e-5], [5e-5, 3e-5, 1e-4]])
        let mean = [5e-4, 3e-4, 1e-4], weights = [0.5, 0.3, 0.2]
        let portfolioMean = zip(weights, mean).map { $0 * $1 }.reduce(0, +)
        var variance = 0.0
        for i in 0..<3 { for j in 0..<3 { variance += weights[i] * weights[j] * covariance[i, j] } }
        let exact = ValueAtRisk.normal(mean: portfolioMean, standardDeviation: variance.squareRoot(), confidence: 0.99)
        let simulated = try ValueAtRisk.monteCarlo(weights: weights, mean: mean, covariance: covariance, confidence: 0.99,
                                                    scenarios: 200_000, seed: 42)
        #expect(abs(simulated.valueAtRisk - exact.valueAtRisk) < 0.02 * variance.squareRoot(), "\(simulated.valueAtRisk) vs \(exact.valueAtRisk)")
        #expect(abs(simulated.expectedShortfall - exact.expectedShortfall) < 0.03 * variance.squareRoot())
        let again = try ValueAtRisk.monteCarlo(weights: weights, mean: mean, covariance: covariance, confidence: 0.99,
                                                scenarios: 200_000, seed: 42)
        #expect(again == simulated)
        let other = try ValueAtRisk.monteCarlo(weights: weights, mean: mean, covariance: covariance, confidence: 0.99,
                                                scenarios: 200_000, seed: 43)
        #expect(other.valueAtRisk != simulated.valueAtRisk)

        // A 10-period horizon of independent normal periods is normal with 10× mean and variance.
        let tenDay = try ValueAtRisk.monteCarlo(weights: weights, mean: mean, covariance: covariance, confidence: 0.99,
                                                 horizon: 10, scenarios: 50_000, seed: 1)
        let exactTen = ValueAtRisk.normal(mean: portfolioMean, standardDeviation: variance.squareRoot(), confidence: 0.99, horizon: 10)
        #expect(abs(tenDay.valueAtRisk - exactTen.valueAtRisk) < 0.04 * (10 * variance).squareRoot())
        #expect(tenDay.horizonScaling == HorizonScaling.simulatedPaths)
    }

    @Test("portfolio returns are the weighted asset scenarios, reduced without materialising them")
    func portfolioReduction() throws {
        let covariance = try Matrix([[4e-4, 1e-4, 5e-5], [1e-4, 2.25e-4, 3e-5], [5e-5, 3e-5, 1e-4]])
        for distribution in [ScenarioSimulator.Distribution.normal, .studentT(degreesOfFreedom: 5)] {
            let simulator = try ScenarioSimulator(mean: [5e-4, 3e-4, 1e-4], covariance: covariance, distribution: distribution)
            let weights = [0.5, 0.3, 0.2]
            // 10,000 scenarios span three seeding blocks, so block boundaries are covered too.
            let assets = simulator.scenarios(count: 10_000, seed: 77)
            let pnl = try simulator.portfolioReturns(weights: weights, count: 10_000, seed: 77)
            for t in stride(from: 0, to: 10_000, by: 97) {
                let direct = (0..<3).reduce(0.0) { $0 + weights[$1] * assets[t, $1] }
                #expect(abs(pnl[t] - direct) < 1e-15, "scenario \(t)")
            }
        }
    }

    @Test("Student-t scenarios keep the covariance and fatten the tail")
    func studentTScenarios() throws {
        let covariance = try Matrix([[1.0, 0.6], [0.6, 1.0]])
        let simulator = try ScenarioSimulator(mean: [0, 0], covariance: covariance, distribution: .studentT(degreesOfFreedom: 4))
        let draws = simulator.scenarios(count: 400_000, seed: 9)
        let estimated = try Covariance.sample(draws)
        // ν = 4 has an infinite fourth moment, so the sample covariance converges slowly: 5%.
        #expect(abs(estimated[0, 0] - 1) < 0.05 && abs(estimated[0, 1] - 0.6) < 0.05)
        let t = try ValueAtRisk.monteCarlo(weights: [1, 0], mean: [0, 0], covariance: covariance, confidence: 0.999,
                                            distribution: .studentT(degreesOfFreedom: 4), seed: 3)
        let normal = ValueAtRisk.normal(mean: 0, standardDeviation: 1, confidence: 0.999)
        // The unit-variance t₄ 99.9% quantile is 7.173·√(2/4) ≈ 5.07 against the normal's 3.09.
        #expect(t.valueAtRisk > 4.5 && normal.valueAtRisk < 3.1)
    }

    @Test("Kupiec and Christoffersen backtests", arguments: ["rolling_normal_99", "clustered_95"])
    func backtests(name: String) throws {
        let result: VaRBacktest
        if name == "clustered_95" {
            result = try VaRBacktest(violations: fixture.vector(name, "flags").map { $0 == 1 }, confidence: 0.95)
        } else {
            result = try VaRBacktest.rolling(returns, window: 250, confidence: 0.99) {
                try ValueAtRisk.normal($0, confidence: 0.99)
            }.backtest
        }
        #expect(result.violations == fixture.integer(name, "violations"))
        for (ours, key) in [(result.kupiecStatistic, "kupiec"), (result.independenceStatistic, "independence"),
                            (result.conditionalCoverageStatistic, "cc")] {
            #expect(abs(ours - fixture.number(name, key)) < 1e-10 * max(1, fixture.number(name, key)), "\(key)")
        }
        for (ours, key) in [(result.kupiecPValue, "kupiec_p"), (result.independencePValue, "independence_p"),
                            (result.conditionalCoveragePValue, "cc_p")] {
            #expect(abs(ours / fixture.number(name, key) - 1) < 1e-8, "\(key) \(ours)")
        }
    }

    @Test("bad input: confidence, horizon, NaN, too few returns")
    func badInput() throws {
        #expect((#expect(throws: QuantError.self) { try ValueAtRisk.historical(returns, confidence: 1.2) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try ValueAtRisk.normal(returns, confidence: 0.99, horizon: 0) })?.code == .invalidArgument)
        var bad = returns
        bad[3] = .nan
        let nan = #expect(throws: QuantError.self) { try ValueAtRisk.cornishFisher(bad, confidence: 0.99) }
        #expect(nan?.code == .nonFinite && nan?.message.contains("returns[3]") == true)
        let few = #expect(throws: QuantError.self) { try ValueAtRisk.historical(Array(returns.prefix(50)), confidence: 0.99) }
        #expect(few?.code == .insufficientData && few?.message.contains("at least 100") == true)
        let singular = try Matrix([[1, 1], [1, 1]])
        #expect((#expect(throws: QuantError.self) {
            try ValueAtRisk.monteCarlo(weights: [0.5, 0.5], mean: [0, 0], covariance: singular, confidence: 0.99, seed: 1)
        })?.code == .notPositiveDefinite)
        #expect((#expect(throws: QuantError.self) { try VaRBacktest(violations: [true], confidence: 0.99) })?.code == .insufficientData)
    }
}

import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `garch.py` (`arch` 8.0.0).
    static let garch = load("garch.json")
}

/// Parses a fixture case name "data.model.dist.mean" into the model it names.
private func model(_ name: String) -> GARCHModel {
    let parts = name.split(separator: ".").map(String.init)
    let innovations = GARCHModel.Innovations(rawValue: parts[2])!
    let mean = GARCHModel.Mean(rawValue: parts[3])!
    switch parts[1] {
    case "garch": return .garch(mean: mean, innovations: innovations)
    case "gjr": return .gjr(mean: mean, innovations: innovations)
    default: return .egarch(o: 1, mean: mean, innovations: innovations)
    }
}

private let fixture = QuantFixture.garch
private let modelCases = fixture.cases.keys.filter { $0.split(separator: ".").count == 4 }.sorted()
private func returns(_ name: String) -> [Double] {
    fixture.vector(String(name.split(separator: ".")[0]) + "_returns", "returns")
}

@Suite("GARCH fits against arch 8.0.0")
struct GARCHFitTests {
    @Test("log-likelihood at arch's fixed parameters matches to 1e-10 relative", arguments: modelCases)
    func likelihoodAtFixedParameters(_ name: String) throws {
        let m = model(name)
        let y = returns(name)
        let fixed = fixture.vector(name, "fixed_params")
        try #require(fixed.count == m.parameterCount && y.count > 1000)
        let ll = try m.logLikelihood(y, parameters: fixed)
        let expected = fixture.number(name, "loglik_at_fixed")
        // Same recursion, backcast and bounds: only summation order differs (pairwise in NumPy).
        #expect(abs(ll - expected) <= 1e-10 * abs(expected), "\(name): \(ll) vs arch \(expected)")
    }

    @Test("fit: log-likelihood, parameters, AIC, BIC, volatility", arguments: modelCases)
    func fit(_ name: String) throws {
        let m = model(name)
        let y = returns(name)
        let fit = try m.fit(y)
        let archLL = fixture.number(name, "loglik")
        // Never worse than arch by more than 1e-6 relative (the criterion).
        #expect(fit.logLikelihood >= archLL - 1e-6 * abs(archLL), "\(name): LL \(fit.logLikelihood) vs arch \(archLL)")
        let archParams = fixture.vector(name, "params")
        let se = fixture.vector(name, "se_robust")
        try #require(archParams.count == m.parameterCount && se.count == m.parameterCount && y.count > 1000)
        for (i, (ours, theirs)) in zip(fit.parameters, archParams).enumerated() {
            // 1% relative; a parameter whose estimate is within 2 standard errors of 0 (not
            // distinguishable from 0, e.g. GJR's α on the bound 0 or EGARCH's ω ≈ 0) is compared
            // with 1% of its standard error instead, the precision that matters for inference.
            let tolerance = abs(theirs) > 2 * se[i] ? 0.01 * abs(theirs) : 0.01 * max(se[i], abs(theirs))
            #expect(abs(ours - theirs) <= tolerance, "\(name) \(m.parameterNames[i]): \(ours) vs arch \(theirs) (se \(se[i]))")
        }
        #expect(abs(fit.aic - (-2 * fit.logLikelihood + 2 * Double(archParams.count))) < 1e-9)
        #expect(abs(fit.aic - fixture.number(name, "aic")) <= 2e-6 * abs(fixture.number(name, "aic")) + 1e-9)
        #expect(abs(fit.bic - fixture.number(name, "bic")) <= 2e-6 * abs(fixture.number(name, "bic")) + 1e-9)
        if name.hasPrefix("sp500_2520") {
            // Standard errors at our own estimates: the estimates differ from arch's in the 4th-5th
            // digit and the numerical Hessian amplifies that, so within 5% (the "a few %").
            let ours = try fit.standardErrors()
            for i in ours.indices where abs(archParams[i]) > 2 * se[i] {
                #expect(abs(ours[i] - se[i]) <= 0.05 * se[i], "\(name) se \(m.parameterNames[i]): \(ours[i]) vs arch \(se[i])")
            }
        }
        let vol = stride(from: 0, to: y.count, by: 25).map { fit.conditionalVolatility[$0] }
        // Volatility paths at parameters that agree to ~1e-4 agree to about that, relatively.
        #expect(relativeError(vol, fixture.vector(name, "vol_step25")) < 5e-3, "\(name) volatility")
    }
}

@Suite("GARCH standard errors against arch 8.0.0")
struct GARCHStandardErrorTests {
    @Test("robust and classic standard errors at arch's estimates", arguments: modelCases.filter { !$0.hasPrefix("sp500_full") })
    func standardErrors(_ name: String) throws {
        let m = model(name)
        let y = returns(name)
        // Evaluate at arch's own estimates so that only the numerical derivatives can differ.
        let fit = try GARCHFit(model: m, returns: y, parameters: fixture.vector(name, "params"))
        for kind in GARCHFit.CovarianceKind.allCases {
            let ours = try fit.standardErrors(kind)
            let theirs = fixture.vector(name, kind == .robust ? "se_robust" : "se_classic")
            try #require(theirs.count == ours.count)
            for i in ours.indices {
                // Same step rules as statsmodels; what differs is summation order inside the
                // likelihood, amplified by the ε^½ score and ε^¼ Hessian steps: 1% relative.
                #expect(abs(ours[i] - theirs[i]) <= 0.01 * abs(theirs[i]), "\(name) \(kind) \(m.parameterNames[i]): \(ours[i]) vs arch \(theirs[i])")
            }
        }
    }
}

@Suite("GARCH forecasts and simulation")
struct GARCHForecastTests {
    @Test("analytic forecasts at arch's estimates match arch to 1e-9 relative", arguments: modelCases)
    func analyticForecasts(_ name: String) throws {
        let m = model(name)
        let fit = try GARCHFit(model: m, returns: returns(name), parameters: fixture.vector(name, "params"))
        let expected = fixture.vector(name, "forecast")
        try #require(!expected.isEmpty)
        let ours = try fit.forecastVariance(horizon: expected.count)
        // Same recursion at the same parameters: only round-off differs.
        #expect(relativeError(ours, expected) < 1e-9, "\(name): \(ours) vs arch \(expected)")
    }

    @Test("simulated GARCH/GJR forecasts agree with the analytic ones within Monte Carlo error",
          arguments: ["sp500_2520.gjr.t.constant", "simulated.garch.skewt.zero", "sp500_2520.garch.normal.constant"])
    func simulationAgreesWithAnalytic(_ name: String) throws {
        let fit = try model(name).fit(returns(name))
        let analytic = try fit.forecastVariance(horizon: 10)
        let simulated = try fit.forecastVariance(horizon: 10, method: .simulation, simulations: 20_000, seed: 7)
        // σ²ₕ has a coefficient of variation below ~1.5 at h ≤ 10 here; with 20,000 paths the
        // standard error of the mean is ≤ 1.1%, so 4% is ~4 standard errors.
        #expect(relativeError(simulated, analytic) < 0.04, "\(name): \(simulated) vs \(analytic)")
        #expect(simulated[0] == analytic[0])
        #expect(try fit.forecastVariance(horizon: 10, method: .simulation, simulations: 500, seed: 3)
            == fit.forecastVariance(horizon: 10, method: .simulation, simulations: 500, seed: 3))
    }

    @Test("EGARCH multi-step forecasts simulate, step 1 exact, seeded")
    func egarchForecasts() throws {
        let name = "sp500_2520.egarch.t.constant"
        let fit = try GARCHFit(model: model(name), returns: returns(name), parameters: fixture.vector(name, "params"))
        let a = try fit.forecastVariance(horizon: 5, seed: 11)
        #expect(abs(a[0] - fixture.vector(name, "forecast")[0]) <= 1e-9 * a[0])
        #expect(a == (try fit.forecastVariance(horizon: 5, seed: 11)))
        #expect(a != (try fit.forecastVariance(horizon: 5, seed: 12)))
    }

    @Test("simulation is seeded, has the innovation's unit variance, and a refit recovers the parameters")
    func simulation() throws {
        let m = GARCHModel.gjr(mean: .constant, innovations: .skewedT)
        let truth = [0.05, 0.03, 0.04, 0.1, 0.86, 7.0, -0.2]
        let a = try m.simulate(parameters: truth, count: 8000, seed: 42)
        let b = try m.simulate(parameters: truth, count: 8000, seed: 42)
        #expect(a.returns == b.returns && a.variances == b.variances)
        let z = zip(a.returns, a.variances).map { ($0 - 0.05) / $1.squareRoot() }
        let mean = z.reduce(0, +) / Double(z.count)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count)
        // Standardised innovations: mean 0 and variance 1, within ~4 standard errors for n = 8000.
        #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.1, "mean \(mean), variance \(variance)")
        let fit = try m.fit(a.returns)
        let se = try fit.standardErrors()
        for i in truth.indices {
            #expect(abs(fit.parameters[i] - truth[i]) < 4 * se[i], "\(m.parameterNames[i]): \(fit.parameters[i]) vs \(truth[i]) ± \(se[i])")
        }
    }
}

@Suite("GARCH bad input")
struct GARCHBadInputTests {
    let y = fixture.vector("simulated_returns", "returns")

    @Test func tooFewObservations() {
        #expect { try GARCHModel.garch().fit(Array(y.prefix(99))) } throws: { ($0 as? QuantError)?.code == .insufficientData }
        #expect(throws: Never.self) { try GARCHModel.garch().fit(Array(y.prefix(100))) }
    }

    @Test func nonFiniteReturnsNameTheIndex() {
        var bad = y
        bad[17] = .nan
        #expect { try GARCHModel.gjr().fit(bad) } throws: { ($0 as? QuantError)?.code == .nonFinite && "\($0)".contains("17") }
        bad[17] = .infinity
        #expect { try GARCHModel.egarch().fit(bad) } throws: { ($0 as? QuantError)?.code == .nonFinite }
    }

    @Test func constantSeries() {
        #expect { try GARCHModel.garch().fit(Array(repeating: 0.3, count: 500)) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        #expect { try GARCHModel.garch(mean: .zero).fit(Array(repeating: 0, count: 500)) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
    }

    @Test func invalidOrdersAndParameters() throws {
        #expect { try GARCHModel(p: 0, o: 0, q: 1).fit(y) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        #expect { try GARCHModel(p: -1).fit(y) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        let m = GARCHModel.garch(innovations: .studentT)
        #expect { try m.logLikelihood(y, parameters: [0, 0.1, 0.1, 0.8]) } throws: { ($0 as? QuantError)?.code == .shapeMismatch }
        #expect { try m.logLikelihood(y, parameters: [0, 0.1, 0.1, 0.8, 1.5]) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        #expect { try m.simulate(parameters: [0, .nan, 0.1, 0.8, 5], count: 10, seed: 1) } throws: { ($0 as? QuantError)?.code == .nonFinite }
        #expect { try GARCHModel.gjr(innovations: .skewedT).simulate(parameters: [0, 0.1, 0.1, 0.1, 0.8, 5, 1.2], count: 10, seed: 1) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        let fit = try GARCHModel.garch().fit(y)
        #expect { try fit.forecastVariance(horizon: 0) } throws: { ($0 as? QuantError)?.code == .invalidArgument }
        #expect { try fit.replacingParameters([1, 2]) } throws: { ($0 as? QuantError)?.code == .shapeMismatch }
    }

    @Test func scaleAdvice() {
        // arch's rule: var(y) in [0.1, 10⁴) is fine, otherwise a power of ten that brings it there.
        #expect(GARCHModel.scaleAdvice(y) == nil)
        let alternating = (0..<200).map { $0 % 2 == 0 ? 1.0 : -1.0 }
        // variance 1e-4 → ×10 gives 1e-2, ×100 gives 1: advice 100; variance 1e6 → ×0.01 gives 100.
        #expect(GARCHModel.scaleAdvice(alternating.map { $0 * 0.01 }) == 100)
        #expect(GARCHModel.scaleAdvice(alternating.map { $0 * 1000 }) == 0.01)  // 1/10/10, exactly 0.01 as in arch
    }
}

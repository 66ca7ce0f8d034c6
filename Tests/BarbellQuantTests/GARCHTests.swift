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
        let vol = stride(from: 0, to: y.count, by: 25).map { fit.conditionalVolatility[$0] }
        // Volatility paths at parameters that agree to ~1e-4 agree to about that, relatively.
        #expect(relativeError(vol, fixture.vector(name, "vol_step25")) < 5e-3, "\(name) volatility")
    }
}

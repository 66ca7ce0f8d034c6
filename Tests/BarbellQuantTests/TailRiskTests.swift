import BarbellQuant
import Testing

extension QuantFixture {
    /// `evt.py` (SciPy genpareto / genextreme, tightened maximum likelihood).
    static let evt = load("evt.json")
}

@Suite("Extreme value theory against SciPy")
struct TailRiskTests {
    let fixture = QuantFixture.evt

    @Test("peaks over threshold: GPD fit, VaR and ES", arguments: ["sp500_pot", "gpd_heavy", "gpd_bounded"])
    func peaksOverThreshold(name: String) throws {
        let losses = fixture.vector(name, "losses")
        let model = try PeaksOverThreshold(losses: losses, threshold: .quantile(fixture.number(name, "threshold_quantile")))
        #expect(model.threshold == fixture.number(name, "threshold"))
        #expect(model.tail.count == fixture.integer(name, "count"))
        // Both sides maximise the same likelihood to ~1e-13; ours may not be worse than SciPy's
        // beyond round-off, and the optimum's parameters agree to ~1e-6 (the likelihood is flat
        // to second order around it, so parameters agree to the square root of its precision).
        let referenceLL = fixture.number(name, "loglik")
        #expect(model.tail.logLikelihood >= referenceLL - 1e-10 * abs(referenceLL), "LL \(model.tail.logLikelihood) vs \(referenceLL)")
        #expect(abs(model.tail.shape - fixture.number(name, "shape")) < 1e-5, "ξ \(model.tail.shape)")
        #expect(abs(model.tail.scale / fixture.number(name, "scale") - 1) < 1e-5, "σ \(model.tail.scale)")
        for (k, confidence) in fixture.vector(name, "confidences").enumerated() {
            let v = try model.valueAtRisk(confidence: confidence)
            let es = try model.expectedShortfall(confidence: confidence)
            #expect(abs(v / fixture.vector(name, "var")[k] - 1) < 1e-5, "VaR \(confidence)")
            #expect(abs(es / fixture.vector(name, "es")[k] - 1) < 1e-5, "ES \(confidence)")
            #expect(es > v)
        }
    }

    @Test("block maxima: GEV fit and return levels", arguments: ["sp500_gev", "gev_weibull"])
    func blockMaxima(name: String) throws {
        let fit = try GeneralizedExtremeValueFit.fit(maxima: fixture.vector(name, "maxima"))
        let referenceLL = fixture.number(name, "loglik")
        #expect(fit.logLikelihood >= referenceLL - 1e-10 * abs(referenceLL), "LL \(fit.logLikelihood) vs \(referenceLL)")
        #expect(abs(fit.shape - fixture.number(name, "shape")) < 1e-5, "ξ \(fit.shape)")
        #expect(abs(fit.location - fixture.number(name, "location")) < 1e-5 * fit.scale, "μ \(fit.location)")
        #expect(abs(fit.scale / fixture.number(name, "scale") - 1) < 1e-5, "σ \(fit.scale)")
        for (k, p) in fixture.vector(name, "probabilities").enumerated() {
            let level = try fit.returnLevel(exceedanceProbability: p)
            #expect(abs(level - fixture.vector(name, "return_levels")[k]) < 1e-5 * fit.scale * 10, "return level \(p)")
        }
    }

    @Test("block maxima of the S&P 500 losses match the fixture's 21-day blocks")
    func blockMaximaHelper() throws {
        let losses = QuantFixture.evt.vector("sp500_pot", "losses")
        #expect(try GeneralizedExtremeValueFit.blockMaxima(losses, blockSize: 21) == fixture.vector("sp500_gev", "maxima"))
    }

    @Test("Hill estimator and the mean-excess function")
    func hillAndMeanExcess() throws {
        let hill = try HillEstimate(fixture.vector("hill", "values"), tailCount: 250)
        #expect(abs(hill.shape - fixture.number("hill", "shape")) < 1e-13)
        let sp500 = try HillEstimate(fixture.vector("sp500_pot", "losses"), tailCount: 200)
        #expect(abs(sp500.shape - fixture.number("hill", "sp500_shape")) < 1e-13)
        // Pareto(α = 3) has ξ = 1/3; 250 order statistics estimate it to about ±ξ/√k ≈ 0.02.
        #expect(abs(hill.shape - 1.0 / 3) < 3 * hill.standardError)

        let points = try PeaksOverThreshold.meanExcess(losses: fixture.vector("sp500_pot", "losses"),
                                                       probabilities: fixture.vector("mean_excess", "probabilities"))
        #expect(points.count == 5)
        for (point, expected) in zip(points, fixture.vector("mean_excess", "mean_excess")) {
            #expect(abs(point.meanExcess - expected) < 1e-14)
        }
    }

    @Test("bad input: too few excesses, NaN, out-of-range confidence and tail counts")
    func badInput() throws {
        let losses = fixture.vector("sp500_pot", "losses")
        let few = #expect(throws: QuantError.self) { try PeaksOverThreshold(losses: Array(losses.prefix(100)), threshold: .quantile(0.95)) }
        #expect(few?.code == .insufficientData)
        #expect(few?.message.contains("at least 10") == true)
        var withNaN = losses
        withNaN[7] = .nan
        let nan = #expect(throws: QuantError.self) { try PeaksOverThreshold(losses: withNaN, threshold: .quantile(0.95)) }
        #expect(nan?.code == .nonFinite && nan?.message.contains("loss[7]") == true)
        #expect((#expect(throws: QuantError.self) { try PeaksOverThreshold(losses: losses, threshold: .quantile(1.5)) })?.code == .invalidArgument)

        let model = try PeaksOverThreshold(losses: losses, threshold: .quantile(0.95))
        // 0.9 lies below the threshold's own level (0.95): the GPD does not describe it.
        #expect((#expect(throws: QuantError.self) { try model.valueAtRisk(confidence: 0.9) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try HillEstimate(losses, tailCount: 1) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try HillEstimate([-1, -2, -3, 1, 2], tailCount: 3) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try GeneralizedExtremeValueFit.fit(maxima: Array(repeating: 1, count: 20)) })?.code == .invalidArgument)
        #expect((#expect(throws: QuantError.self) { try GeneralizedExtremeValueFit.fit(maxima: [1, 2, 3]) })?.code == .insufficientData)
    }
}

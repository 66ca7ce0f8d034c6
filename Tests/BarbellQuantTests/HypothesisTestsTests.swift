import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `hypothesis.py` (scipy.stats and statsmodels).
    static let hypothesis = load("hypothesis.json")
}

/// |a − b| ≤ tolerance·|b|, with NaN never matching.
func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    a == b || abs(a - b) <= tolerance * abs(b)
}

@Suite("Hypothesis tests against scipy.stats and statsmodels")
struct HypothesisTestsTests {
    let fixture = QuantFixture.hypothesis
    var returns: [Double] { fixture.vector("data", "returns") }

    /// Statistic within 1e-10 and p-value within 1e-8 relative (the brief's tolerances): both
    /// sides compute the same formulas in a different order, so only round-off separates them.
    func expectMatch(_ result: HypothesisTestResult, _ reference: [Double], _ label: String,
                     statistic: Double = 1e-10, pValue: Double = 1e-8) {
        #expect(close(result.statistic, reference[0], statistic), "\(label) statistic \(result.statistic) vs \(reference[0])")
        #expect(close(result.pValue, reference[1], pValue), "\(label) p-value \(result.pValue) vs \(reference[1])")
    }

    @Test("Welch and paired t-tests, all alternatives", arguments: Alternative.allCases)
    func tTests(alternative: Alternative) throws {
        let x = fixture.vector("ttest", "x"), y = fixture.vector("ttest", "y")
        let welch = try HypothesisTests.welchTTest(x, y, alternative: alternative)
        let w = fixture.vector("ttest", "welch_\(alternative.rawValue)")
        expectMatch(welch, w, "Welch \(alternative)")
        #expect(close(welch.degreesOfFreedom ?? .nan, w[2], 1e-10))
        let paired = try HypothesisTests.pairedTTest(fixture.vector("ttest", "px"), fixture.vector("ttest", "py"), alternative: alternative)
        let p = fixture.vector("ttest", "paired_\(alternative.rawValue)")
        expectMatch(paired, p, "paired \(alternative)")
        #expect(paired.degreesOfFreedom == p[2])
    }

    @Test("Mann-Whitney U: asymptotic with tie and continuity corrections, exact for small samples",
          arguments: [("continuous", MannWhitneyMethod.asymptotic), ("ties", .asymptotic), ("small", .exact), ("small_auto", .automatic)])
    func mannWhitney(name: String, method: MannWhitneyMethod) throws {
        let x = fixture.vector("mwu_\(name)", "x"), y = fixture.vector("mwu_\(name)", "y")
        for alternative in Alternative.allCases {
            let result = try HypothesisTests.mannWhitneyU(x, y, alternative: alternative, method: method)
            expectMatch(result, fixture.vector("mwu_\(name)", alternative.rawValue), "\(name) \(alternative)")
        }
    }

    @Test("Kolmogorov-Smirnov one-sample (exact p as scipy's kstwo)")
    func ksOneSample() throws {
        let cases: [(String, any ContinuousDistribution)] = [
            ("t5_vs_t5", try StudentT(degreesOfFreedom: 5)), ("t5_vs_normal", try Normal()),
            ("shifted_small", try Normal()), ("chi2_far", try ChiSquared(degreesOfFreedom: 3)),
        ]
        for (name, distribution) in cases {
            let result = try HypothesisTests.kolmogorovSmirnov(fixture.vector("ks1_\(name)", "x"), against: distribution)
            // D is a maximum of cdf differences: the cdfs agree to ~1e-15, so D does too.
            expectMatch(result, fixture.vector("ks1_\(name)", "result"), name, statistic: 1e-12)
        }
    }

    @Test("Kolmogorov-Smirnov two-sample (exact lattice-path p; asymptotic above 10 000)",
          arguments: ["unequal", "equal", "ties", "coprime", "asymptotic"])
    func ksTwoSample(name: String) throws {
        let result = try HypothesisTests.kolmogorovSmirnov(fixture.vector("ks2_\(name)", "x"), fixture.vector("ks2_\(name)", "y"))
        expectMatch(result, fixture.vector("ks2_\(name)", "result"), name, statistic: 1e-14)
    }

    @Test("Jarque-Bera on S&P 500 returns, a normal sample and a short one")
    func jarqueBera() throws {
        expectMatch(try HypothesisTests.jarqueBera(returns), fixture.vector("jb_returns", "result"), "returns")
        for name in ["normal", "short"] {
            expectMatch(try HypothesisTests.jarqueBera(fixture.vector("jb_\(name)", "x")), fixture.vector("jb_\(name)", "result"), name)
        }
    }

    @Test("Ljung-Box on returns and squared returns, with and without model degrees of freedom")
    func ljungBox() throws {
        for (name, series) in [("returns", returns), ("squared", returns.map { $0 * $0 })] {
            for lags in [1, 5, 10, 20] {
                for modelDF in [0, 2] where modelDF < lags {
                    let result = try HypothesisTests.ljungBox(series, lags: lags, modelDegreesOfFreedom: modelDF)
                    // Far-tail p-values (1e-100 and below for squared returns) are χ² survival
                    // values; both libraries keep ~1e-13 relative there.
                    expectMatch(result, fixture.vector("lb_\(name)", "lags\(lags)_df\(modelDF)"), "\(name) \(lags)/\(modelDF)")
                    #expect(result.lags == lags && result.degreesOfFreedom == Double(lags - modelDF))
                }
            }
        }
    }

    @Test("Engle's ARCH-LM (LM and F forms) on demeaned returns")
    func archLM() throws {
        let mean = returns.reduce(0, +) / Double(returns.count)
        let residuals = returns.map { $0 - mean }
        for lags in [1, 5, 12] {
            for ddof in [0, 3] {
                let r = try HypothesisTests.archLM(residuals, lags: lags, ddof: ddof)
                let reference = fixture.vector("arch", "lags\(lags)_ddof\(ddof)")
                // The statistics come from an OLS fit (SVD here, pinv there): 1e-10. The p-values
                // are 1e-49 to 1e-278 far-tail survival values: 1e-8 relative still holds.
                #expect(close(r.lagrangeMultiplier, reference[0], 1e-10), "LM \(lags)/\(ddof)")
                #expect(close(r.lagrangeMultiplierPValue, reference[1], 1e-8), "LM p \(lags)/\(ddof): \(r.lagrangeMultiplierPValue) vs \(reference[1])")
                #expect(close(r.fStatistic, reference[2], 1e-10), "F \(lags)/\(ddof)")
                #expect(close(r.fPValue, reference[3], 1e-8), "F p \(lags)/\(ddof): \(r.fPValue) vs \(reference[3])")
                #expect(r.lags == lags && r.observations == returns.count - lags)
            }
        }
        let r = try HypothesisTests.archLM(fixture.vector("arch", "short_x"), lags: 3)
        let reference = fixture.vector("arch", "short")
        #expect(close(r.lagrangeMultiplier, reference[0], 1e-10) && close(r.lagrangeMultiplierPValue, reference[1], 1e-8))
        #expect(close(r.fStatistic, reference[2], 1e-10) && close(r.fPValue, reference[3], 1e-8))
    }

    @Test("augmented Dickey-Fuller: regressions n/c/ct, fixed lags and AIC/BIC search",
          arguments: ["logprice", "returns", "walk", "ar"])
    func adf(series name: String) throws {
        let series: [Double]
        switch name {
        case "logprice": series = fixture.vector("data", "log_price")
        case "returns": series = returns
        default: series = fixture.vector("adf_series", name)
        }
        for regression in ADFRegression.allCases {
            let selections: [(String, ADFLagSelection)] = [("aic", .akaike()), ("bic", .bayesian()), ("fixed0", .fixed(0)),
                                                           ("fixed4", .fixed(4)), ("aic8", .akaike(maxLags: 8))]
            for (label, selection) in selections {
                let r = try HypothesisTests.augmentedDickeyFuller(series, regression: regression, lags: selection)
                let reference = fixture.vector("adf_\(name)", "\(regression.rawValue)_\(label)")
                let tag = "\(name) \(regression.rawValue) \(label)"
                #expect(Double(r.usedLags) == reference[2] && Double(r.observations) == reference[3], "\(tag) lags \(r.usedLags) nobs \(r.observations) vs \(reference[2]) \(reference[3])")
                // τ is an OLS t statistic (SVD here, pinv there): 1e-9 on the level series,
                // whose lagged-level column makes the design the least well conditioned.
                #expect(close(r.statistic, reference[0], 1e-9), "\(tag) τ \(r.statistic) vs \(reference[0])")
                #expect(close(r.pValue, reference[1], 1e-8), "\(tag) p \(r.pValue) vs \(reference[1])")
                #expect(close(r.criticalValues.onePercent, reference[4], 1e-14) && close(r.criticalValues.fivePercent, reference[5], 1e-14)
                        && close(r.criticalValues.tenPercent, reference[6], 1e-14), "\(tag) critical values")
                if reference.count == 7 {
                    #expect(r.bestInformationCriterion == nil)
                } else {
                    #expect(close(r.bestInformationCriterion ?? .nan, reference[7], 1e-10), "\(tag) IC \(r.bestInformationCriterion ?? .nan) vs \(reference[7])")
                }
            }
        }
    }

    @Test("Bonferroni, Holm and Benjamini-Hochberg as statsmodels' multipletests",
          arguments: [(MultipleTestingCorrection.bonferroni, "bonferroni"), (.holm, "holm"), (.benjaminiHochberg, "fdr_bh")])
    func multipleTesting(method: MultipleTestingCorrection, key: String) throws {
        let p = fixture.vector("multiple", "p")
        for alpha in [0.05, 0.1] {
            let result = try method.adjust(p, alpha: alpha)
            let adjusted = fixture.vector("multiple", "\(key)_\(alpha)_adjusted")
            #expect(relativeError(result.adjustedPValues, adjusted) <= 1e-15, "\(key) \(alpha)")
            #expect(result.rejected == fixture.vector("multiple", "\(key)_\(alpha)_reject").map { $0 == 1 }, "\(key) \(alpha) rejections")
        }
    }

    /// Runs `body`, expecting a QuantError with `code` whose message contains `fragment`.
    func expectError(_ code: QuantError.Code, _ fragment: String, _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("accepted; expected \(code) mentioning \(fragment)")
        } catch let error as QuantError {
            #expect(error.code == code && error.message.contains(fragment), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("bad input: too few observations, NaN, constant samples, mismatched pairs, bad parameters")
    func badInput() throws {
        let ok = [0.3, -1.2, 0.8, 2.1, -0.4, 0.05, 1.7, -0.9]
        let withNaN = [0.3, .nan, 0.8, 1.0]
        let constant = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
        expectError(.insufficientData, "at least 2") { try HypothesisTests.welchTTest([1], ok) }
        expectError(.nonFinite, "y[1]") { try HypothesisTests.welchTTest(ok, withNaN) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.welchTTest(constant, [2, 2, 2]) }
        expectError(.shapeMismatch, "one length") { try HypothesisTests.pairedTTest(ok, [1, 2, 3]) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.pairedTTest([1, 2, 3], [0, 1, 2]) }
        expectError(.nonFinite, "x[1]") { try HypothesisTests.pairedTTest(withNaN, ok.prefix(4).map { $0 }) }
        expectError(.insufficientData, "at least 1") { try HypothesisTests.mannWhitneyU([], ok) }
        expectError(.invalidArgument, "ties") { try HypothesisTests.mannWhitneyU([1, 2, 2], [3, 4], method: .exact) }
        expectError(.invalidArgument, "tied") { try HypothesisTests.mannWhitneyU([1, 1], [1, 1, 1], method: .asymptotic) }
        expectError(.nonFinite, "x[1]") { try HypothesisTests.kolmogorovSmirnov(withNaN, against: try Normal()) }
        expectError(.insufficientData, "at least 1") { try HypothesisTests.kolmogorovSmirnov(ok, []) }
        expectError(.insufficientData, "at least 3") { try HypothesisTests.jarqueBera([1, 2]) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.jarqueBera(constant) }
        expectError(.insufficientData, "at least 6") { try HypothesisTests.ljungBox([1, 2, 3], lags: 5) }
        expectError(.invalidArgument, "modelDegreesOfFreedom") { try HypothesisTests.ljungBox(ok, lags: 2, modelDegreesOfFreedom: 2) }
        expectError(.invalidArgument, "lags") { try HypothesisTests.ljungBox(ok, lags: 0) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.ljungBox(constant, lags: 2) }
        expectError(.nonFinite, "x[1]") { try HypothesisTests.ljungBox(withNaN, lags: 1) }
        expectError(.insufficientData, "at least 12") { try HypothesisTests.archLM(ok, lags: 5) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.archLM([1, -1, 1, -1, 1, -1, 1, -1], lags: 1) }
        expectError(.nonFinite, "residuals[1]") { try HypothesisTests.archLM(withNaN + ok, lags: 1) }
        expectError(.insufficientData, "at least 8") { try HypothesisTests.augmentedDickeyFuller([1, 2, 3, 4, 5], regression: .constantAndTrend) }
        expectError(.invalidArgument, "constant") { try HypothesisTests.augmentedDickeyFuller(constant + constant) }
        expectError(.insufficientData, "at most") { try HypothesisTests.augmentedDickeyFuller(ok + ok, lags: .fixed(7)) }
        expectError(.invalidArgument, "lag count") { try HypothesisTests.augmentedDickeyFuller(ok + ok, lags: .akaike(maxLags: -1)) }
        expectError(.nonFinite, "x[1]") { try HypothesisTests.augmentedDickeyFuller(withNaN + ok) }
        expectError(.invalidArgument, "pValues[1]") { try MultipleTestingCorrection.holm.adjust([0.1, 1.5]) }
        expectError(.invalidArgument, "pValues[0]") { try MultipleTestingCorrection.bonferroni.adjust([.nan]) }
        expectError(.invalidArgument, "alpha") { try MultipleTestingCorrection.benjaminiHochberg.adjust([0.1], alpha: 0) }
        expectError(.insufficientData, "no p-values") { try MultipleTestingCorrection.holm.adjust([]) }
    }

    @Test("closed forms: exact Mann-Whitney tail and the one-observation KS test")
    func closedForms() throws {
        // x entirely above y (m = 3, n = 4): U₁ = 12 = m·n, and P(U ≥ 12) = 1/C(7, 3) = 1/35.
        let r = try HypothesisTests.mannWhitneyU([10, 11, 12], [1, 2, 3, 4], alternative: .greater, method: .exact)
        #expect(r.statistic == 12 && abs(r.pValue - 1.0 / 35) <= 1e-15)
        // The one-sample test at n = 1: D = max(F(x), 1 − F(x)) and P(D₁ ≥ d) = 2(1 − d).
        let one = try HypothesisTests.kolmogorovSmirnov([0.3], against: try Normal())
        let f = StandardNormal.cdf(0.3)
        #expect(abs(one.statistic - f) <= 1e-15 && abs(one.pValue - 2 * (1 - f)) <= 1e-14)
    }
}

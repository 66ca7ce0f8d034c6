import BarbellData
import BarbellQuant
import Foundation
import Testing

extension QuantFixture {
    /// `distributions.py` (scipy.stats, arch's SkewStudent).
    static let distributions = load("distributions.json")
}

/// Worst elementwise relative error |a − b|/|b| (an exact match counts 0, so ±∞ and 0 compare).
func worstRelativeError(_ a: [Double], _ b: [Double]) -> (error: Double, index: Int) {
    var worst = (0.0, -1)
    for (k, (x, y)) in zip(a, b).enumerated() where x != y {
        let e = (x.isNaN || y.isNaN) ? .infinity : abs(x - y) / abs(y)
        if e > worst.0 { worst = (e, k) }
    }
    return worst
}

@Suite("Continuous distributions against scipy.stats and arch")
struct DistributionTests {
    let fixture = QuantFixture.distributions

    /// Checks every function the fixture has for `name`, each within `tolerance` relative per
    /// element (quantiles within `quantileTolerance`).
    ///
    /// Where the case carries 50-digit mpmath values (`mp_*`: t, chi-squared, F, skewed t) those
    /// are the tight reference and scipy/arch's own values are checked more loosely, because the
    /// Python libraries round in a few places this grid reaches on purpose: chi2 pdf at df = 1e5
    /// (lgamma differences, 1.3e-10), F(1, 1) cdf and sf next to 1 (5e-10), the skewed t ppf's
    /// upper side (arch forms 0.5 + (p − …)/(1 + λ) before inverting, 2e-8) and F isf at 1e-12
    /// (scipy/Boost, up to 4e-5).
    func check(_ d: some ContinuousDistribution, _ name: String, tolerance: Double = 1e-12,
               quantileTolerance: Double = 1e-12, inverseSurvival: ((Double) -> Double)? = nil) {
        let x = fixture.vector(name, "x")
        #expect(!x.isEmpty, "fixture case \(name)")
        let precise = !fixture.vector(name, "mp_cdf").isEmpty
        func compare(_ label: String, _ arguments: [Double], _ f: (Double) -> Double, _ key: String, _ tolerance: Double) {
            let reference = fixture.vector(name, key)
            #expect(reference.count == arguments.count, "\(name) \(key)")
            let (error, k) = worstRelativeError(arguments.map(f), reference)
            #expect(error <= tolerance, "\(name) \(label)(\(k >= 0 ? arguments[k] : .nan)) = \(k >= 0 ? f(arguments[k]) : .nan) vs \(key) \(k >= 0 ? reference[k] : .nan): \(error)")
        }
        for (key, f) in [("pdf", d.pdf), ("logpdf", d.logPDF), ("cdf", d.cdf), ("sf", d.survival)] as [(String, (Double) -> Double)] {
            if precise {
                compare(key, x, f, "mp_" + key, tolerance)
                compare(key, x, f, key, 1e-9)
            } else {
                compare(key, x, f, key, tolerance)
            }
        }
        let p = fixture.vector(name, "p")
        if precise {
            compare("quantile", p, d.quantile, "mp_ppf", quantileTolerance)
            compare("quantile", p, d.quantile, "ppf", 1e-7)
        } else {
            compare("quantile", p, d.quantile, "ppf", quantileTolerance)
        }
        if let inverseSurvival {
            let q = fixture.vector(name, "q")
            if precise {
                compare("inverseSurvival", q, inverseSurvival, "mp_isf", quantileTolerance)
                compare("inverseSurvival", q, inverseSurvival, "isf", 1e-4)
            } else {
                compare("inverseSurvival", q, inverseSurvival, "isf", quantileTolerance)
            }
        }
        #expect(d.quantile(-0.1).isNaN && d.quantile(1.5).isNaN && d.quantile(.nan).isNaN)
        #expect(d.cdf(.nan).isNaN && d.survival(.nan).isNaN)
    }

    func moments(_ mean: Double, _ variance: Double, _ name: String) {
        let m = fixture.number(name, "mean"), v = fixture.number(name, "variance")
        if m.isFinite { #expect(abs(mean - m) <= 1e-12 * max(abs(m), 1), "\(name) mean \(mean) vs \(m)") }
        if v.isFinite { #expect(abs(variance - v) <= 1e-12 * v, "\(name) variance \(variance) vs \(v)") }
    }

    @Test("normal") func normal() throws {
        let d = try Normal(mean: 1.5, standardDeviation: 2)
        check(d, "normal")
        moments(d.mean, d.variance, "normal")
    }

    @Test("Student t, including t cdf at −40 and ν from 0.7 to 5·10⁵",
          arguments: ["t_3", "t_0.7", "t_1", "t_30_loc", "t_1000", "t_5e5"])
    func studentT(name: String) throws {
        let d = try StudentT(degreesOfFreedom: fixture.number(name, "df"), location: fixture.number(name, "loc"),
                             scale: fixture.number(name, "scale"))
        // At ν = 5·10⁵ the continued fraction for I_x(ν/2, ½) runs about a thousand terms next
        // to the mean and drifts by a few 1e-12; everywhere else the t is within 1e-12.
        check(d, name, tolerance: name == "t_5e5" ? 1e-11 : 1e-12)
        moments(d.mean, d.variance, name)
    }

    @Test("chi-squared, from k = ½ to 10⁵", arguments: ["chi2_1", "chi2_0.5", "chi2_5", "chi2_300", "chi2_1e5"])
    func chiSquared(name: String) throws {
        let d = try ChiSquared(degreesOfFreedom: fixture.number(name, "df"))
        check(d, name, inverseSurvival: d.inverseSurvival)
        moments(d.mean, d.variance, name)
    }

    @Test("F", arguments: ["f_3_7", "f_1_1", "f_0.7_2.5", "f_50_200", "f_400_30"])
    func fisher(name: String) throws {
        let d = try FDistribution(numeratorDegreesOfFreedom: fixture.number(name, "dfn"),
                                  denominatorDegreesOfFreedom: fixture.number(name, "dfd"))
        check(d, name, inverseSurvival: d.inverseSurvival)
        moments(d.mean, d.variance, name)
    }

    @Test("generalised Pareto, including near the upper end for ξ < 0", arguments: ["gpd_pos", "gpd_zero", "gpd_tiny", "gpd_neg"])
    func pareto(name: String) throws {
        let d = try GeneralizedPareto(shape: fixture.number(name, "shape"), scale: fixture.number(name, "scale"),
                                      location: fixture.number(name, "loc"))
        check(d, name, inverseSurvival: d.inverseSurvival)
        moments(d.mean, d.variance, name)
    }

    @Test("generalised extreme value (ξ = −c of scipy's genextreme)", arguments: ["gev_pos", "gev_zero", "gev_neg"])
    func extremeValue(name: String) throws {
        let d = try GeneralizedExtremeValue(shape: fixture.number(name, "shape"), location: fixture.number(name, "loc"),
                                            scale: fixture.number(name, "scale"))
        check(d, name, inverseSurvival: d.inverseSurvival)
        moments(d.mean, d.variance, name)
    }

    @Test("Hansen's skewed t as arch's SkewStudent", arguments: ["skewt_5_m0.3", "skewt_8_0.5", "skewt_2.5_0.8"])
    func skewedT(name: String) throws {
        let d = try SkewedT(degreesOfFreedom: fixture.number(name, "df"), skewness: fixture.number(name, "lambda"))
        check(d, name)
    }
}

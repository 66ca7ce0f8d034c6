import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

extension RegimeFixture {
    static let studentTHMM = load("student_t_hmm.json")
}

/// The data and parameters of Tests/Fixtures/regimes/student_t_hmm.py.
enum StudentTData {
    static let f = RegimeFixture.studentTHMM

    static func rows(_ c: String) -> [[Double]] { f.matrix("data." + c.split(separator: ".")[1], "data") }

    static func square(_ flat: [Double]) -> [[Double]] {
        let d = Int(Double(flat.count).squareRoot().rounded())
        return (0..<d).map { Array(flat[($0 * d)..<($0 * d + d)]) }
    }

    /// The model stored under case `c` (`prefix` "init_" for the starting point).
    static func model(_ c: String, prefix: String) throws -> StudentTHMM {
        let type = HMMCovarianceType(rawValue: String(c.split(separator: ".")[2]))!
        return try StudentTHMM(covarianceType: type, startProbabilities: f.vector(c, prefix + "startprob"),
                               transitionMatrix: f.matrix(c, prefix + "transmat"), means: f.matrix(c, prefix + "means"),
                               scales: f.matrix(c, prefix + "scales").map(square), degreesOfFreedom: f.vector(c, prefix + "nu"))
    }
}

@Suite("Student-t HMM against scipy and a reference ECM")
struct StudentTHMMReferenceTests {
    static let logpdfCases = StudentTData.f.cases.keys.filter { $0.hasPrefix("logpdf.") }.sorted()
    static let ecmCases = StudentTData.f.cases.keys.filter { $0.hasPrefix("ecm.") }.sorted()

    // Tolerance 1e-12 relative to max(|log p|, 1), plus 2e-16·log Γ(ν/2) absolute: scipy forms
    // log Γ((ν+d)/2) − log Γ(ν/2) as a difference of two gammaln values, each off by about an ulp
    // of its magnitude (≈ 1e-11 at ν = 1e4), while ours uses Stirling's series there.
    @Test("t log density matches scipy.stats.multivariate_t.logpdf", arguments: logpdfCases)
    func logDensity(_ c: String) throws {
        let f = StudentTData.f
        let x = f.matrix(c, "x"), nu = f.number(c, "df")
        let model = try StudentTHMM(covarianceType: .full, startProbabilities: [1], transitionMatrix: [[1]],
                                    means: [f.vector(c, "loc")], scales: [f.matrix(c, "shape")], degreesOfFreedom: [nu])
        let obs = try HMMObservations(x)
        var w = HMMWorkspace(n: obs.count, k: 1, d: obs.dimension)
        var delta = [Double]()
        StudentTKernel(model).fill(obs, &w, delta: &delta)
        let reference = f.vector(c, "logpdf")
        #expect(reference.count == x.count)
        for (ours, theirs) in zip(w.b, reference) {
            let tolerance = 1e-12 * max(abs(theirs), 1) + 2e-16 * abs(lgamma(nu / 2))
            #expect(abs(ours - theirs) <= tolerance, "\(c): \(ours) vs \(theirs)")
        }
        // One observation under a one-state model: the score is its log density.
        #expect(abs(try model.score([x[0]]) - reference[0]) <= 1e-12 * max(abs(reference[0]), 1) + 2e-16 * abs(lgamma(nu / 2)))
    }

    // The reference ECM runs in log space with scipy's densities and brentq, ours in scaled space
    // with bisection, so the two differ by rounding only: the 1e-6 relative per
    // iteration, and 1e-9 relative on the final parameters after 30 iterations (observed: below
    // 1e-11; EM contracts towards its fixed point, so early rounding differences are not amplified).
    @Test("per-iteration log-likelihood within 1e-6 relative of the reference ECM, same final parameters", arguments: ecmCases)
    func ecm(_ c: String) throws {
        let f = StudentTData.f
        let x = StudentTData.rows(c)
        let start = try StudentTData.model(c, prefix: "init_")
        let options = StudentTHMMFitOptions(maxIterations: 30, tolerance: -.infinity, minCovariance: 1e-9,
                                            estimatesDegreesOfFreedom: !c.hasSuffix(".fixed"))
        let fit = try start.fitted(to: x, options: options)
        let history = f.vector(c, "history")
        #expect(history.count == 30 && fit.logLikelihoodHistory.count == 30)
        let worst = zip(fit.logLikelihoodHistory, history).map { abs($0 - $1) / abs($1) }.max() ?? .nan
        #expect(worst < 1e-6, "\(c): worst relative difference \(worst)")
        #expect(fit.flooredStates.isEmpty && !fit.converged)
        #expect(abs(fit.logLikelihood - f.number(c, "score")) / abs(f.number(c, "score")) < 1e-6)
        let reference = try StudentTData.model(c, prefix: "")
        let m = fit.model
        #expect(relativeError(m.startProbabilities, reference.startProbabilities) < 1e-9)
        #expect(relativeError(m.transitionMatrix.flatMap { $0 }, reference.transitionMatrix.flatMap { $0 }) < 1e-9)
        #expect(relativeError(m.means.flatMap { $0 }, reference.means.flatMap { $0 }) < 1e-9)
        #expect(relativeError(m.scales.flatMap { $0.flatMap { $0 } }, reference.scales.flatMap { $0.flatMap { $0 } }) < 1e-9)
        #expect(relativeError(m.degreesOfFreedom, reference.degreesOfFreedom) < 1e-9)
        if c.hasSuffix(".fixed") { #expect(m.degreesOfFreedom == start.degreesOfFreedom) }
    }

    // ECM is a generalised EM: each CM-step maximises its part of the expected complete-data
    // log-likelihood, so the observed log-likelihood cannot fall. Allowed slack: rounding of a sum
    // of a few thousand terms, 1e-10 relative.
    @Test("the log-likelihood never decreases across ECM iterations", arguments: ecmCases)
    func monotone(_ c: String) throws {
        let x = StudentTData.rows(c)
        let fit = try StudentTData.model(c, prefix: "init_").fitted(
            to: x, options: StudentTHMMFitOptions(maxIterations: 60, tolerance: -.infinity, estimatesDegreesOfFreedom: !c.hasSuffix(".fixed")))
        let h = fit.logLikelihoodHistory + [fit.logLikelihood]
        for i in 1..<h.count { #expect(h[i] >= h[i - 1] - 1e-10 * abs(h[i - 1]), "\(c): iteration \(i)") }
        #expect(h.last! > h.first!)
    }

    @Test("the ν estimate is confined to the range; a root outside it gives the nearer end")
    func degreesOfFreedomRange() throws {
        // The tied reference run drives one ν to the lower end of [2.1, 200].
        let c = "ecm.sim.tied"
        #expect(StudentTData.f.vector(c, "nu").contains(2.1))
        let fit = try StudentTData.model(c, prefix: "init_").fitted(
            to: StudentTData.rows(c), options: StudentTHMMFitOptions(maxIterations: 30, tolerance: -.infinity, minCovariance: 1e-9))
        #expect(fit.model.degreesOfFreedom.contains(2.1))
        let narrow = try StudentTData.model(c, prefix: "init_").fitted(
            to: StudentTData.rows(c),
            options: StudentTHMMFitOptions(maxIterations: 10, tolerance: -.infinity, degreesOfFreedomRange: 5...9, initialDegreesOfFreedom: 5))
        #expect(narrow.model.degreesOfFreedom.allSatisfy { (5...9).contains($0) })
        // Closed form: with every u = 1 (δ = ν) the equation is log(ν/2) − ψ(ν/2) + ψ(h) − log h = 0
        // with h = (ν_old + d)/2, whose root is ν = ν_old + d.
        let c0 = StudentTDegreesOfFreedom.constant(mass: 1, logUMinusU: -1, previous: 6, dimension: 2)
        #expect(abs(StudentTDegreesOfFreedom.solve(c: c0, range: 2.1...200, previous: 6) - 8) < 1e-12)
        #expect(StudentTDegreesOfFreedom.solve(c: .nan, range: 2.1...200, previous: 6) == 6)
    }

    @Test("inference at the reference ECM's fitted parameters: online filter bit for bit, consistent posteriors", arguments: ["ecm.sim.full", "ecm.sim.diag", "ecm.sp1.full", "ecm.sim.tied"])
    func inference(_ c: String) throws {
        let x = StudentTData.rows(c)
        let m = try StudentTData.model(c, prefix: "")
        let batch = try m.filteredProbabilities(x)
        var filter = StudentTHMMOnlineFilter(model: m)
        for (t, row) in x.enumerated() {
            let p = try filter.update(row)
            #expect(p == batch[t], "bar \(t)")
        }
        let batchScore = try m.score(x)
        #expect(filter.count == x.count && filter.logLikelihood == batchScore)
        // Score at the reference's final parameters against its log-space forward pass.
        let score = StudentTData.f.number(c, "score")
        #expect(abs(try m.score(x) - score) / abs(score) < 1e-12)
        // Closed-form identities: smoothed rows sum to 1 and equal the filtered ones at the last bar.
        let post = try m.posteriors(x)
        #expect(post.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
        #expect(zip(post.last!, batch.last!).allSatisfy { abs($0 - $1) < 1e-12 })
        // Viterbi: its log-probability cannot exceed the log-likelihood (one path of the sum), and
        // its path agrees with the posterior argmax almost everywhere in these sticky chains.
        let v = try m.viterbi(x)
        #expect(v.logProbability <= (try m.score(x)))
        let argmax = post.map { r in r.indices.max { r[$0] < r[$1] }! }
        #expect(Double(zip(v.path, argmax).filter { $0 == $1 }.count) / Double(x.count) > 0.95)
        #expect(try m.aic(x) == -2 * (try m.score(x)) + 2 * Double(m.parameterCount))
        #expect(try m.bic(x) == -2 * (try m.score(x)) + Double(m.parameterCount) * log(Double(x.count)))
    }

    @Test("parameter count: the Gaussian HMM's plus one ν per state")
    func parameterCount() throws {
        for type in HMMCovarianceType.allCases {
            let k = 3, d = 2
            let g = try GaussianHMM.initial(for: StudentTData.rows("ecm.sim"), states: k, covarianceType: type, seed: 1)
            let t = try StudentTHMM.initial(for: StudentTData.rows("ecm.sim"), states: k, covarianceType: type, seed: 1)
            #expect(t.parameterCount == g.parameterCount + k)
            #expect(t.means == g.means && t.dimension == d && t.stateCount == k)
            // The start keeps the Gaussian start's covariance: scale · ν/(ν − 2).
            #expect(relativeError(t.covariances.flatMap { $0.flatMap { $0 } }, g.covariances.flatMap { $0.flatMap { $0 } }) < 1e-15)
        }
    }
}

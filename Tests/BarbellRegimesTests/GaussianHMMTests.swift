import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

extension RegimeFixture {
    static let hmm = load("hmm.json")
}

/// The data sets of Tests/Fixtures/regimes/hmm.py, rebuilt from the stored returns and rows.
enum HMMData {
    static let returns = RegimeFixture.hmm.vector("sp_returns", "returns")

    static func rows(_ name: String) -> [[Double]] {
        switch name {
        case "sp1":
            return returns.map { [$0] }
        case "sp2":
            // Realised volatility at t: sqrt(mean of the 21 squared returns t−20…t).
            return (20..<returns.count).map { t in
                let rv = (sqrt(returns[(t - 20)...t].reduce(0) { $0 + $1 * $1 } / 21))
                return [returns[t], rv]
            }
        default:
            return RegimeFixture.hmm.matrix("sim_data", "data")
        }
    }

    static func model(_ c: String, prefix: String) throws -> GaussianHMM {
        let f = RegimeFixture.hmm
        let type = HMMCovarianceType(rawValue: String(c.split(separator: ".")[1]))!
        let means = f.matrix(c, prefix + "means")
        let d = means[0].count
        let covs = f.matrix(c, prefix + "covars").map { flat in (0..<d).map { Array(flat[($0 * d)..<($0 * d + d)]) } }
        return try GaussianHMM(covarianceType: type, startProbabilities: f.vector(c, prefix + "startprob"),
                               transitionMatrix: f.matrix(c, prefix + "transmat"), means: means, covariances: covs)
    }
}

@Suite("Gaussian HMM parity with hmmlearn 0.3.3")
struct GaussianHMMParityTests {
    static let cases = ["sp1", "sp2", "sim"].flatMap { d in ["full", "diag", "spherical", "tied"].map { "\(d).\($0)" } }

    // Tolerance: the brief's 1e-6 relative per EM iteration. Both sides run the same arithmetic in
    // different orders (scaled vs log-space recursions), so they differ by rounding, which EM
    // does not amplify over 25 iterations.
    @Test("log-likelihood after each EM iteration within 1e-6 relative, same final parameters", arguments: cases)
    func emHistory(_ c: String) throws {
        let f = RegimeFixture.hmm
        let x = HMMData.rows(String(c.split(separator: ".")[0]))
        let initial = try HMMData.model(c, prefix: "init_")
        let history = f.vector(c, "history")
        let fit = try initial.fitted(to: x, options: HMMFitOptions(maxIterations: 25, tolerance: 0))
        #expect(history.count == 25 && fit.logLikelihoodHistory.count == history.count)
        let worst = zip(fit.logLikelihoodHistory, history).map { abs($0 - $1) / abs($1) }.max() ?? .nan
        #expect(worst < 1e-6, "\(c): worst relative difference \(worst)")
        #expect(fit.flooredStates.isEmpty)
        let reference = try HMMData.model(c, prefix: "")
        let m = fit.model
        #expect(relativeError(m.startProbabilities, reference.startProbabilities) < 1e-6)
        #expect(relativeError(m.transitionMatrix.flatMap { $0 }, reference.transitionMatrix.flatMap { $0 }) < 1e-6)
        #expect(relativeError(m.means.flatMap { $0 }, reference.means.flatMap { $0 }) < 1e-6)
        #expect(relativeError(m.covariances.flatMap { $0.flatMap { $0 } }, reference.covariances.flatMap { $0.flatMap { $0 } }) < 1e-6)
    }

    // Evaluated at hmmlearn's own final parameters, so only the recursions are compared: score,
    // AIC and BIC to 1e-10 relative (rounding of a ~5,000-term sum), posteriors to 1e-8, the Viterbi
    // path exactly.
    @Test("score, AIC, BIC, Viterbi path and posteriors at hmmlearn's fitted parameters", arguments: cases)
    func inference(_ c: String) throws {
        let f = RegimeFixture.hmm
        let x = HMMData.rows(String(c.split(separator: ".")[0]))
        let m = try HMMData.model(c, prefix: "")
        #expect(abs(try m.score(x) - f.number(c, "score")) / abs(f.number(c, "score")) < 1e-10)
        #expect(abs(try m.aic(x) - f.number(c, "aic")) / abs(f.number(c, "aic")) < 1e-10)
        #expect(abs(try m.bic(x) - f.number(c, "bic")) / abs(f.number(c, "bic")) < 1e-10)
        #expect(try m.viterbi(x).path.map(Double.init) == f.vector(c, "viterbi"))
        let post = try m.posteriors(x)
        let ref = f.matrix(c, "posteriors_step25")
        let sub = stride(from: 0, to: post.count, by: 25).map { post[$0] }
        #expect(sub.count == ref.count && ref.count == (x.count + 24) / 25)
        for (a, b) in zip(sub, ref) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-8 })
        }
    }
}

@Suite("Gaussian HMM recursions")
struct GaussianHMMRecursionTests {
    @Test("online filter reproduces the batch filtered probabilities bit for bit", arguments: ["sp2.full", "sim.diag", "sp1.spherical", "sim.tied"])
    func onlineMatchesBatch(_ c: String) throws {
        let x = HMMData.rows(String(c.split(separator: ".")[0]))
        let m = try HMMData.model(c, prefix: "")
        let batch = try m.filteredProbabilities(x)
        var filter = HMMOnlineFilter(model: m)
        for (t, row) in x.enumerated() {
            let p = try filter.update(row)
            #expect(p == batch[t], "bar \(t)")
        }
        #expect(filter.logLikelihood == (try m.score(x)))
        // Closed-form identity: at the last bar the smoothed and filtered probabilities coincide.
        let last = try m.posteriors(x).last!
        #expect(zip(last, batch.last!).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("a state collapsing onto repeated values is floored and reported, never NaN")
    func collapseFloored() throws {
        var g = SplitMix64(seed: 7)
        let x = (0..<300).map { t in [t % 6 == 0 ? 5.0 : StandardNormal.sample(using: &g)] }
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5],
                                transitionMatrix: [[0.8, 0.2], [0.8, 0.2]],
                                means: [[0], [5]], covariances: [[[1]], [[0.01]]])
        let fit = try m.fitted(to: x, options: HMMFitOptions(maxIterations: 20, tolerance: 0))
        #expect(fit.flooredStates.contains { $0.state == 1 })
        #expect(fit.model.covariances[1][0][0] == 1e-3)
        #expect(fit.logLikelihoodHistory.allSatisfy { $0.isFinite })
        #expect(fit.model.means.flatMap { $0 }.allSatisfy { $0.isFinite })
    }

    @Test("a full-covariance state collapsing onto one repeated point is floored, positive definite, finite")
    func collapseFlooredFull() throws {
        var g = SplitMix64(seed: 17)
        let x: [[Double]] = (0..<400).map { (t: Int) -> [Double] in
            let a = StandardNormal.sample(using: &g), b = StandardNormal.sample(using: &g)
            return t % 8 == 0 ? [4, 4] : [a, b]
        }
        let m = try GaussianHMM(covarianceType: .full, startProbabilities: [0.5, 0.5],
                                transitionMatrix: [[0.9, 0.1], [0.9, 0.1]], means: [[0, 0], [4, 4]],
                                covariances: [[[1, 0], [0, 1]], [[0.01, 0], [0, 0.01]]])
        let fit = try m.fitted(to: x, options: HMMFitOptions(maxIterations: 10, tolerance: 0))
        #expect(fit.flooredStates.contains { $0.state == 1 })
        #expect(fit.model.covariances[1].allSatisfy { $0.allSatisfy { $0.isFinite } })
        #expect(fit.model.covariances[1][0][0] >= 1e-3 && fit.model.covariances[1][1][1] >= 1e-3)
        #expect(fit.logLikelihood.isFinite)
    }

    // hmmlearn with tol = t follows the same trajectory as with tol = 0 and stops after the
    // first iteration whose gain is below t, so its stopping point is read off the fixture history.
    @Test("tolerance stops where hmmlearn's monitor would; the cap stops unconverged", arguments: ["sp2.full", "sim.diag", "sim.spherical"])
    func convergence(_ c: String) throws {
        let history = RegimeFixture.hmm.vector(c, "history")
        let x = HMMData.rows(String(c.split(separator: ".")[0]))
        let m = try HMMData.model(c, prefix: "init_")
        for tol in [1.0, 0.01] {
            let stop = (1..<history.count).first { history[$0] - history[$0 - 1] < tol }.map { $0 + 1 }
            let fit = try m.fitted(to: x, options: HMMFitOptions(maxIterations: 25, tolerance: tol))
            #expect(fit.logLikelihoodHistory.count == (stop ?? 25))
            #expect(fit.converged == (stop != nil))
        }
        let capped = try m.fitted(to: x, options: HMMFitOptions(maxIterations: 3, tolerance: 0))
        #expect(capped.logLikelihoodHistory.count == 3 && !capped.converged)
        // Tolerance −∞ (hmmlearn tol=-inf, what the benchmark uses) never stops early: every
        // iteration runs, along the same trajectory as the fixture's history (1e-10 relative).
        let all = try m.fitted(to: x, options: HMMFitOptions(maxIterations: history.count, tolerance: -.infinity))
        #expect(all.logLikelihoodHistory.count == history.count && !all.converged)
        #expect(zip(all.logLikelihoodHistory, history).allSatisfy { abs($0 - $1) <= 1e-10 * abs($1) })
    }

    @Test("parameter count matches hmmlearn's for every covariance type")
    func parameterCount() throws {
        // hmmlearn: bic − aic = p (log n − 2), so p is recovered from the fixture exactly.
        let f = RegimeFixture.hmm
        for c in GaussianHMMParityTests.cases {
            let m = try HMMData.model(c, prefix: "")
            let n = Double(HMMData.rows(String(c.split(separator: ".")[0])).count)
            let p = (f.number(c, "bic") - f.number(c, "aic")) / (log(n) - 2)
            #expect(abs(Double(m.parameterCount) - p) < 1e-6, "\(c)")
        }
    }
}

@Suite("Gaussian HMM bad input")
struct GaussianHMMBadInputTests {
    static func model(_ type: HMMCovarianceType = .diag) throws -> GaussianHMM {
        try GaussianHMM(covarianceType: type, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]],
                        means: [[0, 0], [1, 1]], covariances: [[[1, 0], [0, 1]], [[2, 0], [0, 2]]])
    }

    static func code(_ body: () throws -> Void) -> QuantError.Code? {
        do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
    }

    @Test("NaN, too few observations and a constant series")
    func data() throws {
        let m = try Self.model()
        #expect(Self.code { _ = try m.score([[0, 1], [.nan, 1]]) } == .nonFinite)
        #expect(Self.code { _ = try m.fitted(to: [[0, 1], [.nan, 1], [1, 2], [3, 1]]) } == .nonFinite)
        #expect(Self.code { _ = try m.fitted(to: [[0, 1], [1, 2], [2, 0]]) } == .insufficientData)
        #expect(Self.code { _ = try m.fitted(to: (0..<50).map { [Double($0 % 3), 2] }) } == .invalidArgument)
        #expect(Self.code { _ = try m.score([[0, 1, 2]]) } == .shapeMismatch)
        #expect(Self.code { _ = try m.score([]) } == .insufficientData)
        var filter = HMMOnlineFilter(model: m)
        #expect(Self.code { _ = try filter.update([.infinity, 0]) } == .nonFinite)
        #expect(filter.count == 0)
    }

    @Test("parameters round-trip through JSON; a non-stochastic transition row in the JSON is rejected")
    func json() throws {
        let m = try HMMData.model("sp2.full", prefix: "")
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(GaussianHMM.self, from: data) == m)
        let bad = Data(#"{"covarianceType":"diag","startProbabilities":[0.5,0.5],"transitionMatrix":[[0.5,0.6],[0.5,0.5]],"means":[[0],[1]],"covariances":[[[1]],[[1]]]}"#.utf8)
        #expect(Self.code { _ = try JSONDecoder().decode(GaussianHMM.self, from: bad) } == .invalidArgument)
    }

    @Test("invalid initial parameters")
    func parameters() throws {
        let cov: [[[Double]]] = [[[1, 0], [0, 1]], [[2, 0], [0, 2]]]
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.6, 0.6], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: cov) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.2], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: cov) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [1.5, -0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: cov) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1]], means: [[0, 0], [1, 1]], covariances: cov) } == .shapeMismatch)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1]], covariances: cov) } == .shapeMismatch)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, .nan], [1, 1]], covariances: cov) } == .nonFinite)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .full, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: [[[1, 2], [2, 1]], [[1, 0], [0, 1]]]) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: [[[1, 0.5], [0.5, 1]], [[1, 0], [0, 1]]]) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .spherical, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: [[[1, 0], [0, 2]], [[1, 0], [0, 1]]]) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM(covarianceType: .tied, startProbabilities: [0.5, 0.5], transitionMatrix: [[0.9, 0.1], [0.1, 0.9]], means: [[0, 0], [1, 1]], covariances: [[[1, 0.5], [0.5, 1]], [[1, 0], [0, 1]]]) } == .invalidArgument)
        let m = try Self.model()
        #expect(Self.code { _ = try m.fitted(to: [[0, 1], [1, 2], [2, 0], [3, 3]], options: HMMFitOptions(maxIterations: 0)) } == .invalidArgument)
        for tol in [Double.nan, -1e-3] {
            #expect(Self.code { _ = try m.fitted(to: [[0, 1], [1, 2], [2, 0], [3, 3]], options: HMMFitOptions(tolerance: tol)) } == .invalidArgument)
        }
    }
}

import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

@Suite("Student-t HMM on simulated Markov-switching t data")
struct StudentTHMMRecoveryTests {
    /// The planted model: 3 states, 2 features, t emissions with ν = 4 everywhere, sticky
    /// transitions (expected durations 33, 20, 20 bars), full scales with correlations of both
    /// signs. Covariances are twice the scales (ν/(ν − 2) = 2).
    static func truth() throws -> StudentTHMM {
        try StudentTHMM(covarianceType: .full, startProbabilities: [1.0 / 3, 1.0 / 3, 1.0 / 3],
                        transitionMatrix: [[0.97, 0.02, 0.01], [0.03, 0.95, 0.02], [0.02, 0.03, 0.95]],
                        means: [[0.1, 0.0], [-0.5, 3.0], [-3.0, -2.0]],
                        scales: [[[0.5, 0.1], [0.1, 0.5]], [[1.0, -0.2], [-0.2, 0.8]], [[2.0, 0.5], [0.5, 1.5]]],
                        degreesOfFreedom: [4, 4, 4])
    }

    static let seeds: [UInt64] = [1, 2, 3, 4]
    static let options = StudentTHMMFitOptions(maxIterations: 500, tolerance: 1e-6)

    /// The permutation of fitted states that maximises agreement with the planted path, and that
    /// agreement as a fraction.
    static func matched(_ path: [Int], _ truth: [Int]) -> (accuracy: Double, map: [Int]) {
        var best = (accuracy: -1.0, map: [0, 1, 2])
        for p in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let a = Double(zip(path, truth).filter { p[$0] == $1 }.count) / Double(truth.count)
            if a > best.accuracy { best = (a, p) }
        }
        return best
    }

    // Tolerances, from the planted values and ~1,600–2,000 rows per state: a location's standard
    // error is about √(Σᵢᵢ·ν/(ν−2)/n_k·(ν+d)/(ν+d+2)) ≤ 0.05, a scale entry's about 0.05·Σᵢᵢ, ν's
    // about 0.4 at ν = 4 (t Fisher information); the bounds are 4–5 of those, and cover all seeds.
    @Test("Viterbi ≥ 95% after label matching, parameters recovered, BIC beats the Gaussian HMM's", arguments: seeds)
    func recovery(seed: UInt64) throws {
        let truth = try Self.truth()
        let s = try truth.sample(count: 5000, seed: seed)
        let fit = try StudentTHMM.fit(s.observations, states: 3, covarianceType: .full, restarts: 3, seed: seed, options: Self.options)
        #expect(fit.converged && fit.flooredStates.isEmpty)
        #expect(fit.logLikelihood >= (try truth.score(s.observations)))   // the MLE beats the planted parameters
        let m = fit.model
        let (accuracy, map) = Self.matched(try m.viterbi(s.observations).path, s.states)
        #expect(accuracy >= 0.95, "seed \(seed): accuracy \(accuracy)")
        for f in 0..<3 {
            let p = map[f]
            for i in 0..<2 {
                #expect(abs(m.means[f][i] - truth.means[p][i]) < 0.2, "seed \(seed) state \(p) mean \(i): \(m.means[f][i])")
                for j in 0..<2 {
                    let tol = 0.25 * truth.scales[p][i][i]
                    #expect(abs(m.scales[f][i][j] - truth.scales[p][i][j]) < tol, "seed \(seed) state \(p) scale \(i)\(j): \(m.scales[f][i][j])")
                }
            }
            #expect((3.0...6.0).contains(m.degreesOfFreedom[f]), "seed \(seed) state \(p): ν = \(m.degreesOfFreedom[f])")
        }
        // Fat tails: the t model is preferred by BIC despite its 3 extra parameters.
        let gaussian = try GaussianHMM.fit(s.observations, states: 3, covarianceType: .full, restarts: 3, seed: seed,
                                           options: HMMFitOptions(maxIterations: 500, tolerance: 1e-6))
        let bicT = try m.bic(s.observations), bicG = try gaussian.model.bic(s.observations)
        #expect(bicT < bicG, "seed \(seed): BIC t \(bicT) vs Gaussian \(bicG)")
        // Monotone ECM on this data too.
        let h = fit.logLikelihoodHistory
        for i in 1..<h.count { #expect(h[i] >= h[i - 1] - 1e-10 * abs(h[i - 1])) }
    }

    @Test("diag scales and a held ν also recover the planted path")
    func diagonalAndFixed() throws {
        let truth = try Self.truth()
        let s = try truth.sample(count: 5000, seed: 9)
        var options = Self.options
        options.estimatesDegreesOfFreedom = false
        options.initialDegreesOfFreedom = 4
        let fixed = try StudentTHMM.fit(s.observations, states: 3, covarianceType: .full, restarts: 2, seed: 9, options: options)
        #expect(fixed.model.degreesOfFreedom == [4, 4, 4])
        #expect(Self.matched(try fixed.model.viterbi(s.observations).path, s.states).accuracy >= 0.95)
        let diag = try StudentTHMM.fit(s.observations, states: 3, covarianceType: .diag, restarts: 2, seed: 9, options: Self.options)
        #expect(diag.model.scales.allSatisfy { $0[0][1] == 0 && $0[1][0] == 0 })
        #expect(Self.matched(try diag.model.viterbi(s.observations).path, s.states).accuracy >= 0.95)
    }

    @Test("seeded: fits, restarts and samples are bit-identical for the same seed")
    func determinism() throws {
        let truth = try Self.truth()
        let a = try truth.sample(count: 800, seed: 5), b = try truth.sample(count: 800, seed: 5), c = try truth.sample(count: 800, seed: 6)
        #expect(a.observations == b.observations && a.states == b.states)
        #expect(a.observations != c.observations)
        let opts = StudentTHMMFitOptions(maxIterations: 50)
        let f1 = try StudentTHMM.fit(a.observations, states: 3, covarianceType: .full, restarts: 3, seed: 17, options: opts)
        let f2 = try StudentTHMM.fit(a.observations, states: 3, covarianceType: .full, restarts: 3, seed: 17, options: opts)
        #expect(f1 == f2)
        #expect(try StudentTHMM.initial(for: a.observations, states: 3, covarianceType: .diag, seed: 3)
                == StudentTHMM.initial(for: a.observations, states: 3, covarianceType: .diag, seed: 3))
        // The best of several restarts is at least as good as its first restart alone.
        let one = try StudentTHMM.fit(a.observations, states: 3, covarianceType: .full, restarts: 1, seed: 17, options: opts)
        #expect(f1.logLikelihood >= one.logLikelihood)
    }

    // Closed-form checks of the sampler: per-state sample means and covariances against μ and
    // ν/(ν−2)·Σ for a one-state model with ν = 6 (finite fourth moments, so the covariance has a
    // standard error): 4 standard errors, with var(Σ̂ᵢᵢ) inflated by the t kurtosis (excess 6/(ν−4) = 3).
    @Test("sample moments match the model")
    func samplingMoments() throws {
        let one = try StudentTHMM(covarianceType: .full, startProbabilities: [1], transitionMatrix: [[1]],
                                  means: [[1, -2]], scales: [[[2, 0.6], [0.6, 1]]], degreesOfFreedom: [6])
        let n = 40_000
        let x = try one.sample(count: n, seed: 5).observations
        let cov = one.covariances[0]
        let mean = (0..<2).map { i in x.reduce(0) { $0 + $1[i] } / Double(n) }
        for i in 0..<2 { #expect(abs(mean[i] - one.means[0][i]) < 4 * (cov[i][i] / Double(n)).squareRoot()) }
        for i in 0..<2 {
            let c = x.reduce(0) { $0 + ($1[i] - mean[i]) * ($1[i] - mean[i]) } / Double(n - 1)
            #expect(abs(c - cov[i][i]) < 4 * ((2 + 3) * cov[i][i] * cov[i][i] / Double(n)).squareRoot(), "\(c) vs \(cov[i][i])")
        }
    }
}

import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

/// Choosing the number of states by BIC or AIC. The per-model criteria are checked against
/// hmmlearn and scikit-learn in their own suites; here the selection over them.
@Suite("State-count selection by BIC and AIC")
struct StateCountSelectionTests {
    /// A well-separated 3-state, 2-feature Gaussian HMM (means 6 apart in units of their
    /// standard deviation), sampled with a fixed seed.
    static func planted(_ n: Int, seed: UInt64) throws -> [[Double]] {
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [0.4, 0.3, 0.3],
                                transitionMatrix: [[0.95, 0.03, 0.02], [0.03, 0.94, 0.03], [0.02, 0.03, 0.95]],
                                means: [[-3, 0], [0, 3], [3, -3]],
                                covariances: [[[0.25, 0], [0, 0.25]], [[0.25, 0], [0, 0.36]], [[0.36, 0], [0, 0.25]]])
        return try m.sample(count: n, seed: seed).observations
    }

    static func code(_ body: () throws -> Void) -> QuantError.Code? {
        do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
    }

    @Test("BIC picks the planted 3 states of a Gaussian HMM among 1…5, and each score is the model's own BIC",
          arguments: [UInt64(1), 2, 3])
    func gaussianHMM(_ seed: UInt64) throws {
        let x = try Self.planted(2_000, seed: seed)
        let s = try GaussianHMM.selectStates(x, candidates: 1...5, covarianceType: .diag, restarts: 2, seed: seed)
        #expect(s.states == 3)
        #expect(s.fit.model.stateCount == 3)
        #expect(s.candidates.map(\.states) == [1, 2, 3, 4, 5])
        let fits = try (1...5).map { try GaussianHMM.fit(x, states: $0, covarianceType: .diag, restarts: 2, seed: seed) }
        for (c, f) in zip(s.candidates, fits) {
            // The same fit (same seed per candidate), and the criterion the model computes itself.
            #expect(c.logLikelihood == f.logLikelihood)
            #expect(abs(c.bic - (try f.model.bic(x))) <= 1e-9 * abs(c.bic))
            #expect(abs(c.aic - (try f.model.aic(x))) <= 1e-9 * abs(c.aic))
        }
        #expect(s.candidates.min { $0.bic < $1.bic }!.states == s.states)
    }

    @Test("AIC never picks fewer states than BIC once log n > 2 (its penalty per parameter is smaller)")
    func aicAtLeastBIC() throws {
        let x = try Self.planted(600, seed: 9)
        let bic = try GaussianHMM.selectStates(x, candidates: 1...4, covarianceType: .full, criterion: .bic, restarts: 2, seed: 4)
        let aic = try GaussianHMM.selectStates(x, candidates: 1...4, covarianceType: .full, criterion: .aic, restarts: 2, seed: 4)
        #expect(aic.states >= bic.states)
        #expect(aic.candidates == bic.candidates)
    }

    @Test("the mixture and the Student-t HMM select through the same rule")
    func otherModels() throws {
        let x = try Self.planted(1_500, seed: 5)
        let gmm = try GaussianMixture.selectComponents(x, candidates: 1...4, covarianceType: .diag, restarts: 2, seed: 5)
        #expect(gmm.states == 3)
        for c in gmm.candidates where c.states == gmm.states {
            #expect(abs(c.bic - (try gmm.fit.model.bic(x))) <= 1e-9 * abs(c.bic))
        }
        let t = try StudentTHMM.selectStates(x, candidates: 2...3, covarianceType: .diag, restarts: 1, seed: 5)
        #expect(t.states == 3)
        #expect(abs(t.candidates[1].bic - (try t.fit.model.bic(x))) <= 1e-9 * abs(t.candidates[1].bic))
    }

    @Test("bad ranges and candidates the data cannot support are errors")
    func badInput() throws {
        let x = try Self.planted(100, seed: 1)
        #expect(Self.code { _ = try GaussianHMM.selectStates(x, candidates: 0...3, covarianceType: .diag, seed: 1) } == .invalidArgument)
        #expect(Self.code { _ = try GaussianHMM.selectStates(x, candidates: 51...52, covarianceType: .full, seed: 1) } == .insufficientData)
        #expect(Self.code { _ = try GaussianHMM.selectStates([[Double]](), candidates: 1...2, covarianceType: .diag, seed: 1) } == .insufficientData)
    }
}

import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

@Suite("Regime ensemble detector")
struct RegimeEnsembleTests {
    // History rule on a constructed sequence: runs shorter than the persistence are ignored and a
    // change is dated at the first bar of the run that persists.
    @Test("history keeps only persistent changes, dated at the run start")
    func history() {
        let seq: [RegimeLabel] = [.bull, .bull, .bull, .bear, .bull, .bull, .crisis, .crisis, .crisis, .bull]
        let h = RegimeEnsemble.history(seq, minimumPersistence: 3)
        #expect(h == [RegimeChange(index: 0, from: nil, to: .bull), RegimeChange(index: 6, from: .bull, to: .crisis)])
        #expect(RegimeEnsemble.history(seq, minimumPersistence: 1).count == 5)
        #expect(RegimeEnsemble.history([], minimumPersistence: 2).isEmpty)
    }

    // Component votes on constructed prices: a steady rise above a rising average is Bull, a
    // steady fall Bear; a volatility burst after a calm stretch is Crisis at its peak rank.
    @Test("trend and volatility components on constructed series")
    func components() {
        let o = RegimeEnsembleOptions()
        let up = RegimeEnsemble.trendVotes([Double](repeating: 0.001, count: 100), options: o)
        #expect(up.last == RegimeEnsemble.one(.bull))
        let down = RegimeEnsemble.trendVotes([Double](repeating: -0.001, count: 100), options: o)
        #expect(down.last == RegimeEnsemble.one(.bear))
        #expect(up[10] == RegimeEnsemble.uniform(over: RegimeLabel.allCases))
        var r = (0..<200).map { $0 % 2 == 0 ? 0.005 : -0.005 }
        r += (0..<10).map { $0 % 2 == 0 ? 0.05 : -0.05 }
        let v = RegimeEnsemble.volatilityVotes(r, options: o)
        #expect(v.last == RegimeEnsemble.one(.crisis))
        #expect(v[150] == RegimeEnsemble.uniform(over: [.bull, .bear, .sideways, .recovery]))
    }

    // The sorted-array mid-rank equals the brute-force definition (count below + half the ties,
    // itself included, over all realised volatilities so far) on a seeded series with ties.
    @Test("volatility mid-rank equals brute force")
    func volatilityRankBruteForce() {
        var g = SplitMix64(seed: 3)
        let r = (0..<600).map { i in i % 97 < 30 ? 0.01 * (i % 2 == 0 ? 1 : -1) : 0.01 * StandardNormal.sample(using: &g) * (i > 400 ? 3 : 1) }
        let o = RegimeEnsembleOptions()
        var vols = [Double](), expected = [[Double]]()
        for t in 0..<r.count {
            guard t + 1 >= o.volatilityWindow else { expected.append(RegimeEnsemble.uniform(over: RegimeLabel.allCases)); continue }
            let w = Array(r[(t + 1 - o.volatilityWindow)...t]), m = w.reduce(0, +) / Double(w.count)
            let v = (w.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(w.count - 1)).squareRoot()
            vols.append(v)
            let rank = (Double(vols.filter { $0 < v }.count) + 0.5 * Double(vols.filter { $0 == v }.count)) / Double(vols.count)
            expected.append(vols.count < o.volatilityWindow ? RegimeEnsemble.uniform(over: RegimeLabel.allCases)
                : rank >= o.crisisPercentile ? RegimeEnsemble.one(.crisis) : rank >= o.volatilePercentile ? RegimeEnsemble.one(.volatile)
                : RegimeEnsemble.uniform(over: [.bull, .bear, .sideways, .recovery]))
        }
        #expect(RegimeEnsemble.volatilityVotes(r, options: o) == expected)
    }

    // End to end on the planted market of the ground-truth test: rows are distributions, the
    // confidence lies in [0, 1], the result is bit-identical on a second run (determinism), and
    // during planted Crisis bars the ensemble's argmax is Crisis or Volatile at least 80% of the
    // time (the lagging volatility and trend components dilute the HMM at regime entries).
    @Test("end to end on the planted market")
    func endToEnd() throws {
        let truth = try PlantedMarket.model()
        let (x, states) = try truth.sample(count: 3_000, seed: 7)
        let fit = try GaussianHMM.fit(x, states: 4, covarianceType: .diag, restarts: 3, seed: 8,
                                      options: HMMFitOptions(maxIterations: 200, tolerance: 1e-4))
        let returns = x.map { $0[0] / 100 }
        let path = try fit.model.viterbi(x).path
        let stats = try RegimeStateStatistics.compute(returns: returns, path: path, states: 4)
        let labels = try RegimeLabeller.label(stats, transitionMatrix: fit.model.transitionMatrix).labels
        let a = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: fit.model, stateLabels: labels)
        let b = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: fit.model, stateLabels: labels)
        #expect(a == b)
        for p in a.probabilities { #expect(abs(p.reduce(0, +) - 1) < 1e-12 && p.allSatisfy { $0 >= 0 }) }
        #expect(a.confidence.allSatisfy { $0 >= 0 && $0 <= 1 })
        let crisisBars = states.indices.filter { states[$0] == 3 }
        let hits = crisisBars.filter { [.crisis, .volatile].contains(a.regimes[$0]) }.count
        #expect(crisisBars.count > 50)
        #expect(Double(hits) >= 0.8 * Double(crisisBars.count))
        #expect(!a.history.isEmpty)
    }

    // Closed forms: with the HMM weight only, a one-state HMM labelled Sideways is certain
    // (confidence 1); without it, three bars are shorter than every window, so both remaining
    // components vote uniform and the confidence is 0.
    @Test("confidence is 1 for a certain distribution")
    func confidenceClosedForm() throws {
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [1], transitionMatrix: [[1]],
                                means: [[0]], covariances: [[[1]]])
        let r = [0.01, -0.01, 0.02]
        let res = try RegimeEnsemble.evaluate(returns: r, observations: r.map { [$0] }, model: m, stateLabels: [.sideways],
                                              options: RegimeEnsembleOptions(volatilityWeight: 0, trendWeight: 0))
        #expect(res.confidence == [1, 1, 1] && res.regimes == [.sideways, .sideways, .sideways])
        let flat = try RegimeEnsemble.evaluate(returns: r, observations: r.map { [$0] }, model: m, stateLabels: [.sideways],
                                               options: RegimeEnsembleOptions(hmmWeight: 0))
        #expect(flat.confidence.allSatisfy { abs($0) < 1e-12 })
    }

    @Test("bad input is rejected with the right code")
    func badInput() throws {
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [1], transitionMatrix: [[1]],
                                means: [[0]], covariances: [[[1]]])
        func code(_ body: () throws -> Void) -> QuantError.Code? {
            do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
        }
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [], model: m, stateLabels: [.bull]) } == .shapeMismatch)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: []) } == .shapeMismatch)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [.nan], observations: [[0.1]], model: m, stateLabels: [.bull]) } == .nonFinite)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull],
                                                      options: RegimeEnsembleOptions(hmmWeight: -1)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull],
                                                      options: RegimeEnsembleOptions(volatilePercentile: 0.99, crisisPercentile: 0.9)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull],
                                                      options: RegimeEnsembleOptions(minimumPersistence: 0)) } == .invalidArgument)
    }
}

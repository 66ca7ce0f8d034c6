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
        let a = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: fit.model, stateLabels: labels, seed: 8)
        let b = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: fit.model, stateLabels: labels, seed: 8)
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
    // (confidence 1); with only the volatility and trend weights, three bars are shorter than
    // every window, so both components vote uniform and the confidence is 0.
    @Test("confidence is 1 for a certain distribution")
    func confidenceClosedForm() throws {
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [1], transitionMatrix: [[1]],
                                means: [[0]], covariances: [[[1]]])
        let r = [0.01, -0.01, 0.02]
        let res = try RegimeEnsemble.evaluate(returns: r, observations: r.map { [$0] }, model: m, stateLabels: [.sideways], seed: 1,
                                              options: RegimeEnsembleOptions(gmmWeight: 0, volatilityWeight: 0, trendWeight: 0))
        #expect(res.confidence == [1, 1, 1] && res.regimes == [.sideways, .sideways, .sideways])
        let flat = try RegimeEnsemble.evaluate(returns: r, observations: r.map { [$0] }, model: m, stateLabels: [.sideways], seed: 1,
                                               options: RegimeEnsembleOptions(hmmWeight: 0, gmmWeight: 0))
        #expect(flat.confidence.allSatisfy { abs($0) < 1e-12 })
    }

    // The GMM component alone (weights 0/1/0/0): every bar's distribution is exactly the fitted
    // mixture's responsibilities summed onto its component labels, recomputed here from a mixture
    // fitted with the same seed and settings, labelled from its argmax path's statistics and
    // empirical transitions (each component wins ≥ 2 bars on this data, checked). Exact equality:
    // the zero-weight components add exact zeros and the sums run in the same order. The planted
    // Crisis regime (return sd 3.2, gauge 40) is distinct enough that some component is Crisis.
    @Test("the GMM component alone gives exactly the mixture's label distribution")
    func mixtureComponent() throws {
        let truth = try PlantedMarket.model()
        let (x, _) = try truth.sample(count: 2_000, seed: 21)
        let returns = x.map { $0[0] / 100 }
        let o = RegimeEnsembleOptions(hmmWeight: 0, gmmWeight: 1, volatilityWeight: 0, trendWeight: 0)
        let res = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: truth,
                                              stateLabels: [.bull, .sideways, .bear, .crisis], seed: 5, options: o)
        let fit = try GaussianMixture.fit(x, components: 4, covarianceType: .diag, restarts: o.mixtureRestarts, seed: 5,
                                          options: o.mixtureOptions)
        let resp = try fit.model.responsibilities(x), path = try fit.model.predict(x)
        let wins = (0..<4).map { s in path.filter { $0 == s }.count }
        #expect(wins.allSatisfy { $0 >= 2 })
        let stats = try RegimeStateStatistics.compute(returns: returns, path: path, states: 4)
        var counts = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for t in 1..<path.count { counts[path[t - 1]][path[t]] += 1 }
        let transitions = counts.map { row in row.map { $0 / row.reduce(0, +) } }
        let labels = try RegimeLabeller.label(stats, transitionMatrix: transitions).labels
        #expect(res.mixtureLabels == labels)
        #expect(labels.contains(.crisis))
        let expected = resp.map { row -> [Double] in
            var p = [Double](repeating: 0, count: RegimeLabel.allCases.count)
            for (s, q) in row.enumerated() { p[RegimeLabel.allCases.firstIndex(of: labels[s])!] += q }
            return p
        }
        #expect(res.probabilities == expected)
        // With the default weights the mixture moves the distribution; without it, it is not fitted.
        let withGMM = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: truth,
                                                  stateLabels: [.bull, .sideways, .bear, .crisis], seed: 5)
        let without = try RegimeEnsemble.evaluate(returns: returns, observations: x, model: truth,
                                                  stateLabels: [.bull, .sideways, .bear, .crisis], seed: 5,
                                                  options: RegimeEnsembleOptions(gmmWeight: 0))
        #expect(withGMM.probabilities != without.probabilities && without.mixtureLabels.isEmpty)
    }

    // A component that wins fewer than 2 bars is labelled Sideways; the others follow the rules.
    @Test("a mixture component without bars is labelled Sideways")
    func emptyComponentLabel() throws {
        let r = [0.01, 0.012, 0.011, -0.02, -0.021, -0.019, 0.0]
        let resp = r.map { x -> [Double] in x > 0.005 ? [0.9, 0.05, 0.05] : x < -0.005 ? [0.05, 0.9, 0.05] : [0.3, 0.25, 0.45] }
        let labels = try RegimeEnsemble.mixtureComponentLabels(returns: r, responsibilities: resp)
        #expect(labels.count == 3 && labels[2] == .sideways)
        // Component 2 wins only the last bar, which goes to component 0 (its next most responsible).
        let stats = try RegimeStateStatistics.compute(returns: r, path: [0, 0, 0, 1, 1, 1, 0], states: 2)
        let expected = try RegimeLabeller.label(stats, transitionMatrix: [[2.0 / 3, 1.0 / 3], [1.0 / 3, 2.0 / 3]]).labels
        #expect(Array(labels[0..<2]) == expected)
    }

    @Test("bad input is rejected with the right code")
    func badInput() throws {
        let m = try GaussianHMM(covarianceType: .diag, startProbabilities: [1], transitionMatrix: [[1]],
                                means: [[0]], covariances: [[[1]]])
        func code(_ body: () throws -> Void) -> QuantError.Code? {
            do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
        }
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [], model: m, stateLabels: [.bull], seed: 1) } == .shapeMismatch)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [], seed: 1) } == .shapeMismatch)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [.nan], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1) } == .nonFinite)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(hmmWeight: -1)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(volatilePercentile: 0.99, crisisPercentile: 0.9)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(minimumPersistence: 0)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(gmmWeight: -0.5)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(mixtureRestarts: 0)) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(mixtureOptions: GaussianMixtureFitOptions(regularisation: 0))) } == .invalidArgument)
        // The mixture needs ≥ 2 rows and a varying feature; without it, one row is fine.
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1) } == .insufficientData)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1, 0.1], observations: [[0.1], [0.1]], model: m, stateLabels: [.bull], seed: 1) } == .invalidArgument)
        #expect(code { _ = try RegimeEnsemble.evaluate(returns: [0.1], observations: [[0.1]], model: m, stateLabels: [.bull], seed: 1,
                                                      options: RegimeEnsembleOptions(gmmWeight: 0)) } == nil)
    }
}

import BarbellData
import BarbellQuant
import Testing
@testable import BarbellRegimes

/// The planted 4-state Markov-switching market of the ground-truth test (issue 5).
///
/// Two observed features per bar: the daily return in percent and a VIX-like "fear gauge" level
/// in points, conditionally independent given the state (diagonal covariance). The regimes, with
/// daily mean/vol of the return (annualised ≈ ×252 / ×√252) and the gauge's mean/sd:
///
/// | state    | return μ %/day | return σ %/day | gauge μ | gauge σ | stay prob | mean duration |
/// |----------|----------------|----------------|---------|---------|-----------|---------------|
/// | Bull     |  0.06 (≈ +15%/y) | 0.6 (≈ 10%/y) | 12 | 2   | 0.995 | 200 bars |
/// | Sideways |  0.00            | 1.0 (≈ 16%/y) | 16 | 2.5 | 0.988 |  83 bars |
/// | Bear     | −0.10 (≈ −25%/y) | 1.6 (≈ 25%/y) | 24 | 4   | 0.985 |  67 bars |
/// | Crisis   | −0.30 (≈ −75%/y) | 3.2 (≈ 51%/y) | 40 | 8   | 0.970 |  33 bars |
///
/// Durations are those of daily equity regimes (calm bull markets last about a year, crises
/// weeks); a crisis exits to Bull (rebound) or Bear. Start probabilities are uniform.
enum PlantedMarket {
    static let transition: [[Double]] = [
        [0.995, 0.003, 0.002, 0.000],
        [0.006, 0.988, 0.005, 0.001],
        [0.004, 0.006, 0.985, 0.005],
        [0.010, 0.000, 0.020, 0.970],
    ]
    static let returnMean = [0.06, 0.00, -0.10, -0.30], returnSD = [0.6, 1.0, 1.6, 3.2]
    static let gaugeMean = [12.0, 16, 24, 40], gaugeSD = [2.0, 2.5, 4, 8]

    static func model(returnsOnly: Bool = false) throws -> GaussianHMM {
        let means = (0..<4).map { returnsOnly ? [returnMean[$0]] : [returnMean[$0], gaugeMean[$0]] }
        let covs: [[[Double]]] = (0..<4).map { s in
            returnsOnly ? [[returnSD[s] * returnSD[s]]]
                        : [[returnSD[s] * returnSD[s], 0], [0, gaugeSD[s] * gaugeSD[s]]]
        }
        return try GaussianHMM(covarianceType: .diag, startProbabilities: [0.25, 0.25, 0.25, 0.25],
                               transitionMatrix: transition, means: means, covariances: covs)
    }

    /// Best agreement of `path` with `truth` over all 4! relabellings of `path`, and that relabelling.
    static func matchedAccuracy(_ path: [Int], _ truth: [Int], states: Int = 4) -> (accuracy: Double, map: [Int]) {
        var best = (accuracy: -1.0, map: [Int]())
        func permute(_ prefix: [Int], _ rest: [Int]) {
            if rest.isEmpty {
                var hits = 0
                for (p, t) in zip(path, truth) where prefix[p] == t { hits += 1 }
                let acc = Double(hits) / Double(truth.count)
                if acc > best.accuracy { best = (acc, prefix) }
                return
            }
            for (i, x) in rest.enumerated() { var r = rest; r.remove(at: i); permute(prefix + [x], r) }
        }
        permute([], Array(0..<states))
        return best
    }

    /// Indices `t` with `path[t] ≠ path[t − 1]`.
    static func changes(_ path: [Int]) -> [Int] {
        (1..<path.count).filter { path[$0] != path[$0 - 1] }
    }

    /// Fraction of `points` with a member of `targets` within `tolerance` bars (1 when `points` is empty).
    static func matchedFraction(_ points: [Int], _ targets: [Int], tolerance: Int) -> Double {
        guard !points.isEmpty else { return 1 }
        let hit = points.filter { p in targets.contains { abs($0 - p) <= tolerance } }.count
        return Double(hit) / Double(points.count)
    }
}

@Suite("Regime ground truth: planted 4-state Markov-switching market")
struct RegimeGroundTruthTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    // The acceptance: Viterbi accuracy ≥ 95% after the best of the 4! label permutations,
    // and change points within 5 bars of the planted ones in ≥ 90% of cases — checked both ways
    // (planted changes found = recall, detected changes genuine = precision), per seed. The fit
    // knows nothing of the truth: seeded k-means++ starts, 5 restarts, Baum-Welch to 1e-4.
    // Measured (seeds 1–5): accuracy 0.9978/0.9944/0.9956/0.9954/0.9950, recall 1.00/0.957/0.958/
    // 1.00/0.907, precision 1.00/1.00/1.00/1.00/0.98 over 47–57 planted changes.
    @Test("Viterbi recovers planted states (≥ 95%) and change points (≤ 5 bars, ≥ 90%)", arguments: seeds)
    func plantedRecovery(seed: UInt64) throws {
        let truth = try PlantedMarket.model()
        let (x, states) = try truth.sample(count: 5_000, seed: seed)
        let fit = try GaussianHMM.fit(x, states: 4, covarianceType: .diag, restarts: 5, seed: seed &+ 100,
                                      options: HMMFitOptions(maxIterations: 300, tolerance: 1e-4))
        let path = try fit.model.viterbi(x).path
        let (accuracy, _) = PlantedMarket.matchedAccuracy(path, states)
        let planted = PlantedMarket.changes(states), found = PlantedMarket.changes(path)
        let recall = PlantedMarket.matchedFraction(planted, found, tolerance: 5)
        let precision = PlantedMarket.matchedFraction(found, planted, tolerance: 5)

        #expect(planted.count >= 20)
        #expect(accuracy >= 0.95)
        #expect(recall >= 0.90)
        #expect(precision >= 0.90)
    }

    // The matching helpers themselves: a relabelled copy of the truth scores 1 and its permutation
    // is recovered; a path shifted by 3 bars has all its change points within 5 but none within 2.
    @Test("label matching and change-point tolerance helpers")
    func helpers() {
        let truth = [0, 0, 1, 1, 2, 2, 3, 3, 0, 0]
        let relabelled = truth.map { [2, 3, 0, 1][$0] }
        let m = PlantedMarket.matchedAccuracy(relabelled, truth)
        #expect(m.accuracy == 1 && m.map == [2, 3, 0, 1])
        #expect(PlantedMarket.matchedFraction([10, 50], [13, 53], tolerance: 5) == 1)
        #expect(PlantedMarket.matchedFraction([10, 50], [13, 53], tolerance: 2) == 0)
    }

    // The labelling rules on fitted states: each fitted state, matched to its planted state by the
    // best permutation, should get the planted state's name (Bull, Sideways, Bear, Crisis). Sample
    // noise of the state means is large (a Sideways state seen for ~4 years has a standard error
    // of ≈ 8%/y on its annualised return, the Bull/Bear threshold), so the bar is ≥ 80% of the
    // 20 fitted states over the 5 seeds, not all. Measured: 18 of 20.
    @Test("labelling names the fitted planted states")
    func plantedLabels() throws {
        let planted: [RegimeLabel] = [.bull, .sideways, .bear, .crisis]
        var right = 0
        for seed in Self.seeds {
            let (x, states) = try PlantedMarket.model().sample(count: 5_000, seed: seed)
            let fit = try GaussianHMM.fit(x, states: 4, covarianceType: .diag, restarts: 5, seed: seed &+ 100,
                                          options: HMMFitOptions(maxIterations: 300, tolerance: 1e-4))
            let path = try fit.model.viterbi(x).path
            let map = PlantedMarket.matchedAccuracy(path, states).map
            let stats = try RegimeStateStatistics.compute(returns: x.map { $0[0] / 100 }, path: path, states: 4)
            let labels = try RegimeLabeller.label(stats, transitionMatrix: fit.model.transitionMatrix).labels
            right += (0..<4).filter { labels[$0] == planted[map[$0]] }.count
        }
        #expect(right >= 16)
    }
}

import BarbellData
import BarbellStore
import Foundation

/// The Tree-structured Parzen Estimator (Bergstra et al. 2011) as optuna 3.6.1's default
/// `TPESampler`: univariate, no constant liar.
///
/// Until `startupTrials` trials are complete or pruned it draws like ``RandomSampler``. Then,
/// for each parameter in name order, it splits the finished trials into the best
/// `γ(n) = min(⌈0.1 n⌉, 25)` ("below") and the rest ("above", running trials included, as
/// optuna does), fits a ``ParzenEstimator`` to each group's values, draws `candidates` (24)
/// points from the below estimator and keeps the one maximising log l(x) − log g(x).
///
/// Pruned trials rank after complete ones, by the furthest step reached then the value
/// there. Draws come from a per-trial stream of the seed, so proposals are reproducible but
/// not optuna's (numpy's generator is not reproduced); the estimators are optuna's exactly.
public struct TPESampler: Sampler {
    public let seed: UInt64
    public let startupTrials: Int
    public let candidates: Int

    public init(seed: UInt64, startupTrials: Int = 10, candidates: Int = 24) throws(LearningError) {
        guard startupTrials >= 0 else { throw LearningError(.invalidArgument, "tpe sampler: startupTrials must be ≥ 0, got \(startupTrials)") }
        guard candidates >= 1 else { throw LearningError(.invalidArgument, "tpe sampler: candidates must be ≥ 1, got \(candidates)") }
        self.seed = seed
        self.startupTrials = startupTrials
        self.candidates = candidates
    }

    public var configuration: ConfigValue {
        .object(["type": .string("tpe"), "seed": .string(String(seed)), "startupTrials": .int(startupTrials), "candidates": .int(candidates)])
    }

    /// optuna's `default_gamma`: how many finished trials count as good.
    public static func gamma(_ n: Int) -> Int { min(Int((0.1 * Double(n)).rounded(.up)), 25) }

    public func propose(number: Int, history: [TrialRecord], space: SearchSpace,
                        direction: StudyDirection) throws(LearningError) -> [String: ConfigValue]? {
        var rng = Self.generator(seed: seed, number: number)
        let finished = history.filter { $0.state == .complete || $0.state == .pruned }
        var result: [String: ConfigValue] = [:]
        guard finished.count >= startupTrials else {
            for parameter in space.parameters { result[parameter.name] = RandomSampler.draw(parameter, &rng) }
            return result
        }
        let (below, above) = Self.split(history, direction: direction)
        for parameter in space.parameters {
            let lower = ParzenEstimator(observations: Self.observations(below, parameter), parameter: parameter)
            let upper = ParzenEstimator(observations: Self.observations(above, parameter), parameter: parameter)
            let draws = lower.sample(count: candidates, rng: &rng)
            // The first maximum, as numpy's argmax (NaN scores, which cannot happen with finite
            // draws, are passed over).
            var best = draws[0], bestScore = -Double.infinity
            for x in draws {
                let score = lower.logPDF(x) - upper.logPDF(x)
                if score > bestScore { best = x; bestScore = score }
            }
            result[parameter.name] = parameter.externalValue(best)
        }
        return result
    }

    /// The trials' values of `parameter` in internal form, in trial-number order; trials that
    /// lack the parameter (or hold a value outside it) are left out.
    static func observations(_ trials: [TrialRecord], _ parameter: SearchParameter) -> [Double] {
        trials.compactMap { $0.parameters[parameter.name].flatMap(parameter.internalValue) }
    }

    /// optuna's `_split_trials`: the best `γ(n)` finished trials (complete first by value, then
    /// pruned by furthest step and value there) and the rest plus the running ones, each sorted
    /// by number. Failed trials are in neither.
    public static func split(_ history: [TrialRecord], direction: StudyDirection) -> (below: [TrialRecord], above: [TrialRecord]) {
        let complete = history.filter { $0.state == .complete }
        let pruned = history.filter { $0.state == .pruned }
        let running = history.filter { $0.state == .running }
        var remaining = gamma(complete.count + pruned.count)
        let sign = direction == .maximize ? -1.0 : 1.0
        // Python's sort is stable, so ties keep history (number) order.
        let rankedComplete = complete.enumerated().sorted { a, b in
            let x = sign * (a.element.value ?? .nan), y = sign * (b.element.value ?? .nan)
            return x < y || (!(y < x) && a.offset < b.offset)
        }.map(\.element)
        let takeComplete = min(remaining, rankedComplete.count)
        var below = Array(rankedComplete.prefix(takeComplete))
        var above = Array(rankedComplete.dropFirst(takeComplete))
        remaining = max(0, remaining - takeComplete)
        let rankedPruned = pruned.enumerated().sorted { a, b in
            let x = prunedScore(a.element, sign: sign), y = prunedScore(b.element, sign: sign)
            return x < y || (!(y < x) && a.offset < b.offset)
        }.map(\.element)
        let takePruned = min(remaining, rankedPruned.count)
        below += rankedPruned.prefix(takePruned)
        above += rankedPruned.dropFirst(takePruned)
        above += running
        return (below.sorted { $0.number < $1.number }, above.sorted { $0.number < $1.number })
    }

    /// optuna's `_get_pruned_trial_score`: further steps first, then the better value there.
    private static func prunedScore(_ trial: TrialRecord, sign: Double) -> ScorePair {
        guard let step = trial.lastStep, let value = trial.intermediate[step] else { return ScorePair(first: 1, second: 0) }
        return ScorePair(first: -Double(step), second: value.isNaN ? .infinity : sign * value)
    }

    private struct ScorePair: Comparable {
        var first: Double, second: Double
        static func < (a: ScorePair, b: ScorePair) -> Bool { a.first < b.first || (a.first == b.first && a.second < b.second) }
    }
}

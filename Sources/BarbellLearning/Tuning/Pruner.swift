import BarbellStore
import Foundation

/// Decides whether a running trial should stop early, from its intermediate values and the
/// study's other trials.
///
/// Pruners are asked after every report (``TrialContext/shouldPrune()``); the successive
/// halving pruner relies on that to reconstruct its rungs from the stored intermediate values.
public protocol Pruner: Sendable {
    /// The pruner's settings, stored with the study.
    var configuration: ConfigValue { get }

    /// Whether `trial` (running, with its reports so far) should be pruned, given every other
    /// trial of the study.
    func shouldPrune(trial: TrialRecord, others: [TrialRecord], direction: StudyDirection) -> Bool
}

/// Never prunes.
public struct NoPruner: Pruner {
    public init() {}
    public var configuration: ConfigValue { .object(["type": .string("none")]) }
    public func shouldPrune(trial: TrialRecord, others: [TrialRecord], direction: StudyDirection) -> Bool { false }
}

/// optuna 3.6.1's `MedianPruner` (a `PercentilePruner` at 50): prune at step s when the trial's
/// best value so far is worse than the median of the complete trials' values at step s.
///
/// Nothing is pruned before `startupTrials` trials are complete, before step `warmupSteps`, at
/// steps other than the first report of each `intervalSteps` block after warm-up, or when fewer
/// than `minTrials` complete trials reported step s.
public struct MedianPruner: Pruner {
    public let startupTrials: Int
    public let warmupSteps: Int
    public let intervalSteps: Int
    public let minTrials: Int
    /// 50 for the median; other percentiles give optuna's `PercentilePruner`.
    public let percentile: Double

    public init(startupTrials: Int = 5, warmupSteps: Int = 0, intervalSteps: Int = 1, minTrials: Int = 1,
                percentile: Double = 50) throws(LearningError) {
        guard startupTrials >= 0 else { throw LearningError(.invalidArgument, "median pruner: startupTrials must be ≥ 0, got \(startupTrials)") }
        guard warmupSteps >= 0 else { throw LearningError(.invalidArgument, "median pruner: warmupSteps must be ≥ 0, got \(warmupSteps)") }
        guard intervalSteps >= 1 else { throw LearningError(.invalidArgument, "median pruner: intervalSteps must be ≥ 1, got \(intervalSteps)") }
        guard minTrials >= 1 else { throw LearningError(.invalidArgument, "median pruner: minTrials must be ≥ 1, got \(minTrials)") }
        guard (0...100).contains(percentile) else { throw LearningError(.invalidArgument, "median pruner: percentile must be in [0, 100], got \(percentile)") }
        self.startupTrials = startupTrials
        self.warmupSteps = warmupSteps
        self.intervalSteps = intervalSteps
        self.minTrials = minTrials
        self.percentile = percentile
    }

    public var configuration: ConfigValue {
        .object(["type": .string("median"), "startupTrials": .int(startupTrials), "warmupSteps": .int(warmupSteps),
                 "intervalSteps": .int(intervalSteps), "minTrials": .int(minTrials), "percentile": .double(percentile)])
    }

    public func shouldPrune(trial: TrialRecord, others: [TrialRecord], direction: StudyDirection) -> Bool {
        let complete = others.filter { $0.state == .complete }
        guard !complete.isEmpty, complete.count >= startupTrials else { return false }
        guard let step = trial.lastStep, step >= warmupSteps else { return false }
        // Only the first report within each interval block is checked.
        let nearestCheck = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps
        let previous = trial.intermediate.keys.filter { $0 != step }.max() ?? -1
        guard previous < nearestCheck else { return false }
        let values = trial.intermediate.values.filter { !$0.isNaN }
        guard let best = direction == .maximize ? values.max() : values.min() else { return true }
        let atStep = complete.compactMap { $0.intermediate[step] }
        guard atStep.count >= minTrials else { return false }
        let threshold = Self.nanPercentile(atStep, direction == .maximize ? 100 - percentile : percentile)
        guard !threshold.isNaN else { return false }
        return direction == .maximize ? best < threshold : best > threshold
    }

    /// numpy's `nanpercentile` with linear interpolation.
    static func nanPercentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let position = q / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        // numpy's _lerp: a + (b - a) t, computed from the nearer end for t ≥ ½.
        let a = sorted[lower], b = sorted[upper], diff = b - a
        return fraction >= 0.5 ? b - diff * (1 - fraction) : a + diff * fraction
    }
}

import BarbellStore
import Foundation

/// optuna 3.6.1's `SuccessiveHalvingPruner` (asynchronous successive halving, ASHA).
///
/// Rung r ends at step `minResource · reductionFactor^(minEarlyStoppingRate + r)`. A trial
/// reaching the end of a rung competes with every trial that reached it; it continues only if
/// its value there is in the top `1 / reductionFactor` of them (at least the best one).
///
/// optuna records each trial's value on leaving a rung as a trial attribute; the store keeps
/// none, so the rung value is derived as the value at the first reported step at or past the
/// rung's end, which is what optuna records when the pruner is asked after every report.
/// `minResource` nil is optuna's "auto": 1/100 of the most steps a complete trial reported.
public struct SuccessiveHalvingPruner: Pruner {
    public let minResource: Int?
    public let reductionFactor: Int
    public let minEarlyStoppingRate: Int

    public init(minResource: Int? = nil, reductionFactor: Int = 4, minEarlyStoppingRate: Int = 0) throws(LearningError) {
        if let minResource, minResource < 1 {
            throw LearningError(.invalidArgument, "successive-halving pruner: minResource must be ≥ 1 or auto, got \(minResource)")
        }
        guard reductionFactor >= 2 else {
            throw LearningError(.invalidArgument, "successive-halving pruner: reductionFactor must be ≥ 2, got \(reductionFactor)")
        }
        guard minEarlyStoppingRate >= 0 else {
            throw LearningError(.invalidArgument, "successive-halving pruner: minEarlyStoppingRate must be ≥ 0, got \(minEarlyStoppingRate)")
        }
        self.minResource = minResource
        self.reductionFactor = reductionFactor
        self.minEarlyStoppingRate = minEarlyStoppingRate
    }

    public var configuration: ConfigValue {
        .object(["type": .string("successive-halving"), "minResource": minResource.map(ConfigValue.int) ?? .string("auto"),
                 "reductionFactor": .int(reductionFactor), "minEarlyStoppingRate": .int(minEarlyStoppingRate)])
    }

    public func shouldPrune(trial: TrialRecord, others: [TrialRecord], direction: StudyDirection) -> Bool {
        guard let step = trial.lastStep, let value = trial.intermediate[step] else { return false }
        guard let resource = minResource ?? Self.estimatedMinResource(others) else { return false }
        // Rungs whose end an earlier report already passed were decided at that report.
        let previous = trial.intermediate.keys.filter { $0 < step }.max()
        var rung = 0
        if let previous { while rungEnd(rung, resource) <= previous { rung += 1 } }
        while true {
            if step < rungEnd(rung, resource) { return false }
            if value.isNaN { return true }
            var competing = others.compactMap { rungValue($0, rung: rung, resource: resource) }
            competing.append(value)
            var promotable = competing.count / reductionFactor - 1
            if promotable == -1 { promotable = 0 }
            competing.sort()
            let promoted = direction == .maximize ? value >= competing[competing.count - 1 - promotable] : value <= competing[promotable]
            if !promoted { return true }
            rung += 1
        }
    }

    /// The step at which rung `rung` ends.
    func rungEnd(_ rung: Int, _ resource: Int) -> Int {
        let exponent = minEarlyStoppingRate + rung
        var end = resource
        for _ in 0..<exponent {
            let (product, overflow) = end.multipliedReportingOverflow(by: reductionFactor)
            if overflow { return Int.max }
            end = product
        }
        return end
    }

    /// The value `trial` recorded on reaching the end of `rung`, nil when it never did.
    private func rungValue(_ trial: TrialRecord, rung: Int, resource: Int) -> Double? {
        let end = rungEnd(rung, resource)
        guard let step = trial.intermediate.keys.filter({ $0 >= end }).min() else { return nil }
        return trial.intermediate[step]
    }

    /// optuna's automatic minimum resource: max(last step of complete trials) / 100, at least 1.
    static func estimatedMinResource(_ trials: [TrialRecord]) -> Int? {
        let steps = trials.filter { $0.state == .complete }.compactMap(\.lastStep)
        guard let last = steps.max() else { return nil }
        return max(last / 100, 1)
    }
}

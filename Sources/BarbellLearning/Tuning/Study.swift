import BarbellData
import BarbellStore
import Foundation

/// Thrown by an objective to stop its trial early after ``TrialContext/shouldPrune()``.
public struct TrialPruned: Error, Sendable {
    public init() {}
}

/// A hyperparameter search persisted in a ``StudyStore``: any number of `Study` objects, in
/// any number of processes, may run the same study at once.
///
/// Each trial is reserved in the store (its parameters proposed inside the store's reservation
/// transaction, so workers never duplicate a trial number or a grid point), run, and finished
/// as complete, pruned or failed. Every trial is counted: ``trialCount()`` is the number of
/// trials tried, which the deflated Sharpe ratio needs.
public final class Study: Sendable {
    public let name: String
    public let direction: StudyDirection
    public let space: SearchSpace
    public let sampler: any Sampler
    public let pruner: any Pruner
    public let store: any StudyStore

    private init(name: String, direction: StudyDirection, space: SearchSpace, sampler: any Sampler,
                 pruner: any Pruner, store: any StudyStore) {
        self.name = name
        self.direction = direction
        self.space = space
        self.sampler = sampler
        self.pruner = pruner
        self.store = store
    }

    /// Creates the study in `store`, or joins it when it exists with the same direction, space,
    /// sampler and pruner (anything else is an error naming both configurations).
    public static func open(name: String, direction: StudyDirection, space: SearchSpace, sampler: any Sampler,
                            pruner: any Pruner = NoPruner(), store: any StudyStore) async throws -> Study {
        let config: ConfigValue = .object(["space": space.configuration, "sampler": sampler.configuration, "pruner": pruner.configuration])
        _ = try await store.openStudy(name: name, direction: direction, config: try TrialCoding.encode(config))
        return Study(name: name, direction: direction, space: space, sampler: sampler, pruner: pruner, store: store)
    }

    /// Runs `trials` more trials (fewer when the sampler runs out of points), one after the
    /// other, and returns them. Call it again, from this or another process, to continue.
    ///
    /// An objective that throws ``TrialPruned`` ends its trial as pruned (its value the last
    /// reported one); any other error, or a NaN result, ends it as failed and the study goes on.
    /// Errors of the store itself are thrown.
    @discardableResult
    public func optimize(trials: Int, worker: String = Study.defaultWorker,
                         objective: @Sendable (TrialContext) async throws -> Double) async throws -> [TrialRecord] {
        guard trials >= 0 else { throw LearningError(.invalidArgument, "optimize: trials must be ≥ 0, got \(trials)") }
        var done: [TrialRecord] = []
        for _ in 0..<trials {
            guard let context = try await reserve(worker: worker) else { break }
            var state = TrialState.failed, value: Double? = nil
            do {
                let result = try await objective(context)
                if !result.isNaN { state = .complete; value = result }
            } catch is TrialPruned {
                state = .pruned
                value = context.lastReported
            } catch is CancellationError {
                try await store.finishTrial(study: name, trial: context.number, state: .failed, value: nil)
                throw CancellationError()
            } catch {
                // A failed trial is recorded and counted; the study goes on.
            }
            try await store.finishTrial(study: name, trial: context.number, state: state, value: value)
            done.append(TrialRecord(number: context.number, state: state, parameters: context.parameters, value: value,
                                    intermediate: context.reported, worker: worker))
        }
        return done
    }

    /// Reserves the next trial; nil when the sampler has no point left.
    func reserve(worker: String) async throws -> TrialContext? {
        let sampler = self.sampler, space = self.space, direction = self.direction
        do {
            let stored = try await store.reserveTrial(study: name, worker: worker) { existing in
                let history = try existing.map(TrialCoding.record)
                guard let proposal = try sampler.propose(number: existing.count, history: history, space: space, direction: direction) else {
                    throw SamplerExhausted()
                }
                return try TrialCoding.encode(.object(proposal))
            }
            return TrialContext(study: self, number: stored.number, parameters: try TrialCoding.parameters(stored.params))
        } catch is SamplerExhausted {
            return nil
        }
    }

    /// Every trial, by number.
    public func trials() async throws -> [TrialRecord] {
        try await store.trials(study: name).map(TrialCoding.record)
    }

    /// The number of trials in every state (running, complete, pruned, failed).
    public func trialCount() async throws -> Int {
        try await store.trialCount(study: name)
    }

    /// The complete trial with the best value (the lowest number among ties); nil before any.
    public func best() async throws -> TrialRecord? {
        let complete = try await trials().filter { $0.state == .complete && $0.value != nil }
        return complete.min { a, b in
            let x = a.value!, y = b.value!
            if x == y { return a.number < b.number }
            return direction == .minimize ? x < y : x > y
        }
    }

    /// Marks failed the running trials untouched for `olderThan` seconds (their worker died),
    /// before resuming a study after a crash.
    @discardableResult
    public func failStale(olderThan: TimeInterval) async throws -> [Int] {
        try await store.failStale(study: name, olderThan: olderThan)
    }

    /// `host:pid`, which names a worker in the store.
    public static var defaultWorker: String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }
}

/// Thrown inside a reservation when the sampler has no point left, so nothing is stored.
private struct SamplerExhausted: Error {}

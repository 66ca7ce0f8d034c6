import BarbellStore
import Foundation

/// What an objective sees of its trial: the sampled parameters, and a channel to report
/// intermediate values and ask whether to stop.
public final class TrialContext: Sendable {
    /// The trial's number in the study (0, 1, 2…).
    public let number: Int
    /// The sampled values keyed by dotted configuration path.
    public let parameters: [String: ConfigValue]
    private let study: Study
    private let state = ReportedValues()

    init(study: Study, number: Int, parameters: [String: ConfigValue]) {
        self.study = study
        self.number = number
        self.parameters = parameters
    }

    /// Records the objective's value after `step` (an epoch, a fold, a boosting round).
    public func report(step: Int, value: Double) async throws {
        guard step >= 0 else { throw LearningError(.invalidArgument, "trial \(number): report step must be ≥ 0, got \(step)") }
        try await study.store.report(study: study.name, trial: number, step: step, value: value)
        state.set(step, value)
    }

    /// Whether the study's pruner would stop this trial now; throw ``TrialPruned`` if so.
    public func shouldPrune() async throws -> Bool {
        let all = try await study.trials()
        let others = all.filter { $0.number != number }
        let me = TrialRecord(number: number, state: .running, parameters: parameters, value: nil, intermediate: reported)
        return study.pruner.shouldPrune(trial: me, others: others, direction: study.direction)
    }

    /// The values reported so far, by step.
    public var reported: [Int: Double] { state.values }

    /// The value at the last reported step.
    var lastReported: Double? { state.values.max { $0.key < $1.key }?.value }
}

/// A trial's reports, shared between the objective's tasks.
private final class ReportedValues: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var stored: [Int: Double] = [:]

    func set(_ step: Int, _ value: Double) { lock.withLock { stored[step] = value } }
    var values: [Int: Double] { lock.withLock { stored } }
}

/// Parameters and study configuration as the JSON text the store keeps.
enum TrialCoding {
    static func encode(_ value: ConfigValue) throws(LearningError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw LearningError(.invalidArgument, "cannot encode trial parameters: \(error)")
        }
    }

    static func parameters(_ json: String) throws(LearningError) -> [String: ConfigValue] {
        guard let data = json.data(using: .utf8),
              case .object(let values)? = try? JSONDecoder().decode(ConfigValue.self, from: data) else {
            throw LearningError(.invalidArgument, "stored trial parameters are not a JSON object: \(json.prefix(200))")
        }
        return values
    }

    static func record(_ trial: StoredTrial) throws(LearningError) -> TrialRecord {
        TrialRecord(number: trial.number, state: trial.state, parameters: try parameters(trial.params), value: trial.value,
                    intermediate: trial.intermediate, worker: trial.worker)
    }
}

import Foundation

/// Whether a study looks for the smallest or the largest objective value.
public enum StudyDirection: String, Sendable, Codable, CaseIterable {
    case minimize, maximize
}

/// Where a trial is in its life: reserved and running, or finished one of three ways.
public enum TrialState: String, Sendable, Codable, CaseIterable {
    case running, complete, pruned, failed

    /// Whether the trial has finished (any state but `running`).
    public var isFinished: Bool { self != .running }
}

/// A study as the store keeps it: a name, a direction and the configuration it was created
/// with, as JSON text the store does not interpret (samplers and spaces live in the tuner).
public struct StoredStudy: Sendable, Equatable, Codable {
    public var name: String
    public var direction: StudyDirection
    /// The study's configuration as JSON text; reopening with different text is an error.
    public var config: String
    public var created: Date

    public init(name: String, direction: StudyDirection, config: String, created: Date) {
        self.name = name
        self.direction = direction
        self.config = config
        self.created = created
    }
}

/// One trial of a study as the store keeps it.
public struct StoredTrial: Sendable, Equatable, Codable {
    public var study: String
    /// 0, 1, 2… in reservation order, unique within the study.
    public var number: Int
    public var state: TrialState
    /// The sampled parameters as JSON text (the tuner's encoding).
    public var params: String
    /// The objective value of a complete trial (and of a pruned one, its last reported value).
    public var value: Double?
    /// Reported intermediate values, by step.
    public var intermediate: [Int: Double]
    public var started: Date
    public var finished: Date?
    /// Who ran the trial (host and process), for diagnosing stale trials.
    public var worker: String

    public init(study: String, number: Int, state: TrialState, params: String, value: Double?,
                intermediate: [Int: Double], started: Date, finished: Date?, worker: String) {
        self.study = study
        self.number = number
        self.state = state
        self.params = params
        self.value = value
        self.intermediate = intermediate
        self.started = started
        self.finished = finished
        self.worker = worker
    }
}

/// Wraps an error thrown by a caller's `propose` closure so the store passes it through as is
/// instead of reporting it as a store failure.
struct ProposalError: Error {
    let underlying: any Error
}

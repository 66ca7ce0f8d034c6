import BarbellStore
import Foundation

/// The `tune:` section of an experiment configuration:
/// ```yaml
/// tune:
///   direction: maximize        # of the objective
///   metric: rankIC             # ic, rankIC, icir, rankICIR or hitRate (out of sample)
///   sampler: {type: tpe, startupTrials: 10}   # or random, grid
///   pruner: {type: median, warmupSteps: 1}    # or successive-halving {minResource, reductionFactor}, or none
///   space:
///     model.eta: {float: [0.01, 0.3], log: true}
///     model.maxDepth: {int: [2, 8]}
///     model.alpha: {categorical: [0, 0.1, 1]}
/// ```
/// `sampler` defaults to TPE and `pruner` to none. The seed comes from the experiment.
public struct TuneConfiguration: Sendable, Equatable, Decodable {
    public var direction: StudyDirection
    public var sampler: ConfigValue
    public var pruner: ConfigValue
    public var space: SearchSpace
    /// The out-of-sample score a trial returns (default rank IC).
    public var metric: TuneMetric

    private enum Keys: String, CodingKey, CaseIterable { case direction, sampler, pruner, space, metric }

    public init(from decoder: any Decoder) throws {
        try self.init(configuration: ConfigValue(from: decoder))
    }

    /// Parses the section's configuration form, naming the field that is wrong.
    public init(configuration: ConfigValue) throws(LearningError) {
        guard case .object(let fields) = configuration else {
            throw LearningError(.invalidArgument, "tune: expected a mapping with direction, sampler, pruner and space")
        }
        if let unknown = fields.keys.sorted().first(where: { Keys(rawValue: $0) == nil }) {
            throw LearningError(.invalidArgument, "tune.\(unknown): unknown field; expected direction, metric, sampler, pruner or space")
        }
        guard let text = fields["direction"]?.string, let direction = StudyDirection(rawValue: text) else {
            throw LearningError(.invalidArgument, "tune.direction: expected minimize or maximize")
        }
        guard let space = fields["space"] else { throw LearningError(.invalidArgument, "tune.space: required field missing") }
        self.direction = direction
        self.space = try SearchSpace(configuration: space)
        if let name = fields["metric"] {
            guard let text = name.string, let metric = TuneMetric(rawValue: text) else {
                throw LearningError(.invalidArgument, "tune.metric: expected one of \(TuneMetric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.metric = metric
        } else {
            metric = .rankIC
        }
        sampler = fields["sampler"] ?? .object(["type": .string("tpe")])
        pruner = fields["pruner"] ?? .object(["type": .string("none")])
        // Fail now rather than when the study starts.
        _ = try makeSampler(seed: 0)
        _ = try makePruner()
    }

    /// The configured sampler, seeded.
    public func makeSampler(seed: UInt64) throws(LearningError) -> any Sampler {
        let fields = try Self.fields(sampler, "tune.sampler", allowed: ["type", "startupTrials", "candidates"])
        switch fields["type"]?.string ?? "" {
        case "tpe":
            return try TPESampler(seed: seed, startupTrials: Self.int(fields, "startupTrials", "tune.sampler") ?? 10,
                                  candidates: Self.int(fields, "candidates", "tune.sampler") ?? 24)
        case "random": return RandomSampler(seed: seed)
        case "grid":
            _ = try GridSampler.axes(space)
            return GridSampler(seed: seed)
        default: throw LearningError(.invalidArgument, "tune.sampler.type: expected tpe, random or grid")
        }
    }

    /// The configured pruner.
    public func makePruner() throws(LearningError) -> any Pruner {
        let fields = try Self.fields(pruner, "tune.pruner", allowed: ["type", "startupTrials", "warmupSteps", "intervalSteps",
                                                                      "minTrials", "minResource", "reductionFactor", "minEarlyStoppingRate"])
        let context = "tune.pruner"
        switch fields["type"]?.string ?? "" {
        case "none": return NoPruner()
        case "median":
            return try MedianPruner(startupTrials: Self.int(fields, "startupTrials", context) ?? 5,
                                    warmupSteps: Self.int(fields, "warmupSteps", context) ?? 0,
                                    intervalSteps: Self.int(fields, "intervalSteps", context) ?? 1,
                                    minTrials: Self.int(fields, "minTrials", context) ?? 1)
        case "successive-halving":
            let minResource: Int?
            if fields["minResource"]?.string == "auto" { minResource = nil } else { minResource = try Self.int(fields, "minResource", context) }
            return try SuccessiveHalvingPruner(minResource: minResource,
                                               reductionFactor: Self.int(fields, "reductionFactor", context) ?? 4,
                                               minEarlyStoppingRate: Self.int(fields, "minEarlyStoppingRate", context) ?? 0)
        default: throw LearningError(.invalidArgument, "tune.pruner.type: expected median, successive-halving or none")
        }
    }

    private static func fields(_ value: ConfigValue, _ context: String, allowed: Set<String>) throws(LearningError) -> [String: ConfigValue] {
        guard case .object(let fields) = value else { throw LearningError(.invalidArgument, "\(context): expected a mapping with a type") }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw LearningError(.invalidArgument, "\(context).\(unknown): unknown field")
        }
        return fields
    }

    private static func int(_ fields: [String: ConfigValue], _ key: String, _ context: String) throws(LearningError) -> Int? {
        guard let value = fields[key] else { return nil }
        guard case .int(let number) = value else { throw LearningError(.invalidArgument, "\(context).\(key): expected an integer") }
        return number
    }
}

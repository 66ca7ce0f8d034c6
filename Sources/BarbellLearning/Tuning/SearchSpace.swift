import Foundation

/// The distribution one tuned parameter is drawn from.
public enum ParameterDistribution: Sendable, Equatable, Hashable {
    /// A real number in `[low, high]`; with `log`, drawn uniformly in log space (`low > 0`).
    case float(low: Double, high: Double, log: Bool)
    /// An integer in `[low, high]`; with `log`, drawn in log space (`low ≥ 1`).
    case int(low: Int, high: Int, log: Bool)
    /// One of a fixed list of values.
    case categorical([ConfigValue])
}

/// One named parameter of a search space; the name is a dotted path into the experiment
/// configuration (`model.eta`), which the caller applies.
public struct SearchParameter: Sendable, Equatable, Hashable {
    public let name: String
    public let distribution: ParameterDistribution

    public init(name: String, distribution: ParameterDistribution) throws(LearningError) {
        self.name = name
        self.distribution = distribution
        try validate()
    }

    private func validate() throws(LearningError) {
        guard !name.isEmpty else { throw LearningError(.invalidArgument, "search space: empty parameter name") }
        switch distribution {
        case .float(let low, let high, let log):
            guard low.isFinite, high.isFinite, low <= high else {
                throw LearningError(.invalidArgument, "search space '\(name)': float range needs finite low ≤ high, got [\(low), \(high)]")
            }
            if log && low <= 0 {
                throw LearningError(.invalidArgument, "search space '\(name)': log float range needs low > 0, got \(low)")
            }
        case .int(let low, let high, let log):
            guard low <= high else {
                throw LearningError(.invalidArgument, "search space '\(name)': int range needs low ≤ high, got [\(low), \(high)]")
            }
            if log && low < 1 {
                throw LearningError(.invalidArgument, "search space '\(name)': log int range needs low ≥ 1, got \(low)")
            }
        case .categorical(let choices):
            guard !choices.isEmpty else {
                throw LearningError(.invalidArgument, "search space '\(name)': categorical needs at least one choice")
            }
            guard Set(choices).count == choices.count else {
                throw LearningError(.invalidArgument, "search space '\(name)': categorical choices must be distinct")
            }
        }
    }

    /// The index of `value` among a categorical parameter's choices; numbers match by value, so
    /// `1` and `1.0` (which a JSON round trip may exchange) are the same choice.
    public func choiceIndex(of value: ConfigValue) -> Int? {
        guard case .categorical(let choices) = distribution else { return nil }
        if let exact = choices.firstIndex(of: value) { return exact }
        guard let number = value.number else { return nil }
        return choices.firstIndex { $0.number == number }
    }

    /// The value a sampler works with: the number for ranges, the choice index for categoricals.
    /// Nil when `value` does not belong to this parameter.
    public func internalValue(_ value: ConfigValue) -> Double? {
        switch distribution {
        case .float, .int: value.number
        case .categorical: choiceIndex(of: value).map(Double.init)
        }
    }

    /// The configuration value for an internal value (an index for categoricals).
    /// Non-finite values (which samplers never produce) map to the range's low end.
    public func externalValue(_ value: Double) -> ConfigValue {
        switch distribution {
        case .float: return .double(value)
        case .int(let low, let high, _):
            guard value.isFinite else { return .int(low) }
            let clipped = min(max(value.rounded(.toNearestOrEven), Double(low)), Double(high))
            return .int(Int(clipped))
        case .categorical(let choices):
            guard value.isFinite else { return choices[0] }
            return choices[Int(min(max(value, 0), Double(choices.count - 1)))]
        }
    }
}

/// The parameters a study tunes, ordered by name so that sampling is reproducible whatever
/// order the configuration lists them in.
///
/// Decodes from the experiment configuration's `tune.space` mapping:
/// ```yaml
/// model.eta: {float: [0.01, 0.3], log: true}
/// model.maxDepth: {int: [2, 8]}
/// model.alpha: {categorical: [0, 0.1, 1]}
/// ```
public struct SearchSpace: Sendable, Equatable, Decodable {
    public let parameters: [SearchParameter]

    /// A space of the given parameters (sorted by name; names must be distinct).
    public init(_ parameters: [SearchParameter]) throws(LearningError) {
        let sorted = parameters.sorted { $0.name < $1.name }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.name == b.name {
            throw LearningError(.invalidArgument, "search space: parameter '\(a.name)' is declared twice")
        }
        guard !sorted.isEmpty else { throw LearningError(.invalidArgument, "search space: no parameters") }
        self.parameters = sorted
    }

    /// Parses the configuration form: a mapping from parameter name to its declaration.
    public init(configuration: ConfigValue) throws(LearningError) {
        guard case .object(let entries) = configuration else {
            throw LearningError(.invalidArgument, "search space: expected a mapping from parameter name to {float|int|categorical: …}")
        }
        var parameters: [SearchParameter] = []
        for (name, entry) in entries {
            parameters.append(try SearchParameter(name: name, distribution: Self.distribution(name, entry)))
        }
        try self.init(parameters)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(configuration: ConfigValue(from: decoder))
    }

    private static func distribution(_ name: String, _ entry: ConfigValue) throws(LearningError) -> ParameterDistribution {
        let form = "expected {float: [low, high]}, {int: [low, high]} (either with log: true|false) or {categorical: [values]}"
        guard case .object(let fields) = entry else {
            throw LearningError(.invalidArgument, "search space '\(name)': \(form)")
        }
        let kinds = ["float", "int", "categorical"].filter { fields[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            throw LearningError(.invalidArgument, "search space '\(name)': \(form)")
        }
        let allowed: Set<String> = kind == "categorical" ? [kind] : [kind, "log"]
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw LearningError(.invalidArgument, "search space '\(name)': unknown field '\(unknown)'; \(form)")
        }
        var log = false
        if let flag = fields["log"] {
            guard case .bool(let value) = flag else {
                throw LearningError(.invalidArgument, "search space '\(name)': log must be true or false")
            }
            log = value
        }
        switch kind {
        case "categorical":
            guard case .array(let choices) = fields[kind] else {
                throw LearningError(.invalidArgument, "search space '\(name)': categorical expects a list of values")
            }
            return .categorical(choices)
        case "int":
            guard case .array(let bounds) = fields[kind], bounds.count == 2,
                  case .int(let low) = bounds[0], case .int(let high) = bounds[1] else {
                throw LearningError(.invalidArgument, "search space '\(name)': int expects [low, high] with two integers")
            }
            return .int(low: low, high: high, log: log)
        default:
            guard case .array(let bounds) = fields[kind], bounds.count == 2,
                  let low = bounds[0].number, let high = bounds[1].number else {
                throw LearningError(.invalidArgument, "search space '\(name)': float expects [low, high] with two numbers")
            }
            return .float(low: low, high: high, log: log)
        }
    }

    /// The configuration form (what ``init(configuration:)`` reads), used to recognise a
    /// study reopened with another space.
    public var configuration: ConfigValue {
        var entries: [String: ConfigValue] = [:]
        for parameter in parameters {
            switch parameter.distribution {
            case .float(let low, let high, let log):
                entries[parameter.name] = .object(["float": .array([.double(low), .double(high)]), "log": .bool(log)])
            case .int(let low, let high, let log):
                entries[parameter.name] = .object(["int": .array([.int(low), .int(high)]), "log": .bool(log)])
            case .categorical(let choices):
                entries[parameter.name] = .object(["categorical": .array(choices)])
            }
        }
        return .object(entries)
    }
}

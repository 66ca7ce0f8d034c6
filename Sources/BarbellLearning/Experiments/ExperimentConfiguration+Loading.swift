import Crypto
import Foundation
import Yams

extension ExperimentConfiguration {
    static let sectionKeys: [String: Set<String>] = [
        "": Set(CodingKeys.allCases.map(\.rawValue)),
        "data": ["files", "symbols", "from", "to"],
        "label": ["kind", "horizon", "returns", "deadZone", "profitTake", "stopLoss", "volatilitySpan", "weights"],
        "validation": ["window", "trainBars", "testBars", "step", "firstTest", "validation"],
    ]

    /// Reads a configuration from YAML (JSON is YAML too), refusing unknown fields, after setting
    /// each `overrides` value at its dotted path (`model.eta`, `validation.testBars`): how a tuning
    /// trial's sampled parameters enter an experiment.
    ///
    /// - Throws: ``LearningError`` naming `source` and the field that is missing, unknown or of the
    ///   wrong type.
    public static func parse(_ text: String, source: String, overrides: [String: ConfigValue] = [:]) throws(LearningError) -> ExperimentConfiguration {
        var tree: ConfigValue
        do { tree = try YAMLDecoder().decode(ConfigValue.self, from: text) } catch {
            throw LearningError(.invalidArgument, "\(source): not valid YAML (\(error))")
        }
        guard case .object(let top) = tree else {
            throw LearningError(.invalidArgument, "\(source): expected a mapping with name, data and model")
        }
        for (section, allowed) in sectionKeys {
            let object: [String: ConfigValue]?
            if section.isEmpty { object = top } else if case .object(let o)? = top[section] { object = o } else { object = nil }
            if let unknown = object?.keys.sorted().first(where: { !allowed.contains($0) }) {
                let path = section.isEmpty ? unknown : "\(section).\(unknown)"
                throw LearningError(.invalidArgument, "\(source): unknown field \(path); expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
        for (path, value) in overrides.sorted(by: { $0.key < $1.key }) {
            tree = try tree.setting(path.split(separator: ".").map(String.init), to: value, source: source)
        }
        return try tree.decode(ExperimentConfiguration.self, context: source)
    }

    /// Reads a configuration file (see ``parse(_:source:overrides:)``).
    public static func load(path: String, overrides: [String: ConfigValue] = [:]) throws(LearningError) -> ExperimentConfiguration {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LearningError(.invalidArgument, "\(path): cannot read the experiment configuration (\(error.localizedDescription))")
        }
        return try parse(text, source: path, overrides: overrides)
    }

    /// The configuration as canonical JSON (sorted keys): what is hashed and recorded.
    public func canonicalJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// SHA-256 of ``canonicalJSON()``, lower-case hex.
    public var contentHash: String {
        SHA256.hash(data: Data(canonicalJSON().utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension ConfigValue {
    /// This value with `value` at `path`, creating objects along the way.
    public func setting(_ path: [String], to value: ConfigValue, source: String) throws(LearningError) -> ConfigValue {
        guard let head = path.first else { return value }
        var object: [String: ConfigValue]
        switch self {
        case .object(let o): object = o
        case .null: object = [:]
        default:
            throw LearningError(.invalidArgument, "\(source): cannot set \(path.joined(separator: ".")): \(head)'s parent is not a mapping")
        }
        object[head] = try (object[head] ?? .null).setting(Array(path.dropFirst()), to: value, source: source)
        return .object(object)
    }
}

/// Which model to train and how: a `type` (`xgboost`, `ridge`, `lstm`, `ensemble`, …) and its
/// parameters, written flat in YAML or JSON (`{type: xgboost, eta: 0.05, maxDepth: 6}`).
///
/// Kept as generic values until a ``ModelFamily`` decodes them, so an experiment records exactly
/// what it was given and a tuning study can substitute sampled values by name.
public struct ModelConfiguration: Sendable, Equatable, Hashable, Codable {
    /// The model type, as registered in a ``ModelRegistry``.
    public var type: String
    /// Every other field of the configuration object.
    public var parameters: [String: ConfigValue]

    public init(type: String, parameters: [String: ConfigValue] = [:]) {
        self.type = type
        self.parameters = parameters
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        type = try c.decode(String.self, forKey: Key(stringValue: "type"))
        var parameters: [String: ConfigValue] = [:]
        for key in c.allKeys where key.stringValue != "type" {
            parameters[key.stringValue] = try c.decode(ConfigValue.self, forKey: key)
        }
        self.parameters = parameters
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(type, forKey: Key(stringValue: "type"))
        for (key, value) in parameters { try c.encode(value, forKey: Key(stringValue: key)) }
    }

    /// Decodes the parameters into a family's typed configuration, refusing fields it does not
    /// know (a misspelt hyperparameter must not be silently ignored).
    public func decode<T: Decodable>(_ type: T.Type, allowed: Set<String>) throws(LearningError) -> T {
        if let unknown = parameters.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw LearningError(.invalidArgument,
                "model \(self.type): unknown field \(unknown); expected one of \(allowed.sorted().joined(separator: ", "))")
        }
        return try ConfigValue.object(parameters).decode(T.self, context: "model \(self.type)")
    }
}

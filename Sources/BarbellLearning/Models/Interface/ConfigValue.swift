import Foundation

/// A JSON-shaped configuration value: what a model, experiment or search-space entry holds before
/// it is decoded into a typed configuration. Tuning substitutes sampled values at a path of these
/// and decoding reports the field that is wrong.
public indirect enum ConfigValue: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ConfigValue])
    case object([String: ConfigValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([ConfigValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: ConfigValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The number, for `.int` or `.double`.
    public var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// The string, for `.string`.
    public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// Decodes a typed value from this one, naming the offending field on failure.
    public func decode<T: Decodable>(_ type: T.Type, context: String) throws(LearningError) -> T {
        do {
            let data = try JSONEncoder().encode(self)
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw LearningError(.invalidArgument, "\(context): \(Self.describe(error))")
        } catch {
            throw LearningError(.invalidArgument, "\(context): \(error)")
        }
    }

    /// Encodes a typed value into a configuration value.
    public static func encode<T: Encodable>(_ value: T) throws(LearningError) -> ConfigValue {
        do {
            return try JSONDecoder().decode(ConfigValue.self, from: JSONEncoder().encode(value))
        } catch {
            throw LearningError(.invalidArgument, "cannot encode \(T.self) as a configuration: \(error)")
        }
    }

    /// A one-line account of a decoding error: the dotted field path and what was expected.
    public static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .typeMismatch(let type, let c): return "\(path(c.codingPath)): expected \(type)"
        case .valueNotFound(let type, let c): return "\(path(c.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): required field missing"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

import Foundation
import Yams

/// The on-disk form: `{ "version": 1, "name": ..., "features": ["RSI(timeperiod=14)", ...] }`.
///
/// Features are stored as the spec strings users type, which keeps files readable and diffable;
/// loading parses them with the same parser as the CLI.
struct FeatureSetDocument: Codable {
    var version: Int
    var name: String
    var features: [String]
}

extension FeatureSet {
    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(document)
    }

    public func yamlString() throws -> String {
        try YAMLEncoder().encode(document)
    }

    /// Reads JSON or YAML (YAML is a superset of JSON, so one parser takes both).
    ///
    /// Errors name the source and what was expected; each spec string is parsed, not resolved, so
    /// a set naming a feature from a newer catalogue still loads and fails only when computed.
    public static func load(_ text: String, source: String = "feature set") throws(FeatureError) -> FeatureSet {
        let document: FeatureSetDocument
        do {
            document = try YAMLDecoder().decode(FeatureSetDocument.self, from: text)
        } catch {
            throw FeatureError(.badSyntax, "\(source): expected a mapping with 'version', 'name' and a 'features' list of specs such as 'RSI(timeperiod=14)' (\(error))")
        }
        guard document.version == formatVersion else {
            throw FeatureError(.badSyntax, "\(source): format version \(document.version) is not supported; expected \(formatVersion)")
        }
        var specs: [FeatureSpec] = []
        for (i, text) in document.features.enumerated() {
            do {
                specs.append(try FeatureSpec.parse(Substring(text)))
            } catch {
                throw FeatureError(error.code, "\(source): features[\(i)]: \(error.message)")
            }
        }
        return FeatureSet(name: document.name, features: specs)
    }

    /// Reads a `.json`, `.yaml` or `.yml` file.
    public static func load(contentsOf url: URL) throws(FeatureError) -> FeatureSet {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FeatureError(.badSyntax, "\(url.path): cannot read feature set (\(error.localizedDescription))")
        }
        return try load(text, source: url.path)
    }

    private var document: FeatureSetDocument {
        FeatureSetDocument(version: Self.formatVersion, name: name, features: features.map(\.description))
    }
}

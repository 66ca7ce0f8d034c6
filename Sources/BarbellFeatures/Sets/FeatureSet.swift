import Crypto
import Foundation

/// A named list of feature specs: the data a model records so it can be rebuilt exactly.
///
/// A set is plain data, serialisable to JSON and YAML. Its ``contentHash`` is the SHA-256 of its
/// canonical form (every spec resolved, every parameter named, in order), so two files that
/// spell the same features differently (`RSI` vs `RSI(timeperiod=14)`) hash the same, and any
/// change to a feature or parameter changes the hash.
public struct FeatureSet: Sendable, Hashable, Codable {
    /// Format version of the serialised form.
    public static let formatVersion = 1

    public var name: String
    public var features: [FeatureSpec]

    public init(name: String, features: [FeatureSpec]) {
        self.name = name
        self.features = features
    }

    /// Parses a comma-separated feature list (`RSI(timeperiod=14),MACD`).
    public init(name: String, list: String) throws(FeatureError) {
        self.init(name: name, features: try FeatureSpec.parseList(list))
    }

    /// Resolves every spec against `catalog`, failing on the first invalid one.
    public func resolve(in catalog: FeatureCatalog = .standard) throws(FeatureError) -> [ResolvedFeature] {
        var out: [ResolvedFeature] = []
        out.reserveCapacity(features.count)
        for spec in features { out.append(try catalog.resolve(spec)) }
        return out
    }

    /// The canonical text: one canonical spec per line. What ``contentHash`` hashes.
    public func canonicalText(in catalog: FeatureCatalog = .standard) throws(FeatureError) -> String {
        try resolve(in: catalog).map(\.canonicalName).joined(separator: "\n")
    }

    /// Lower-case hex SHA-256 of ``canonicalText(in:)``; the set's name is not part of it.
    public func contentHash(in catalog: FeatureCatalog = .standard) throws(FeatureError) -> String {
        let digest = SHA256.hash(data: Data(try canonicalText(in: catalog).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Every output column name, in order.
    public func columnNames(in catalog: FeatureCatalog = .standard) throws(FeatureError) -> [String] {
        try resolve(in: catalog).flatMap(\.columnNames)
    }
}

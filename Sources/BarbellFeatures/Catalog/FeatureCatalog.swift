/// The registry of every feature Barbell computes, looked up by TA-Lib-style name.
///
/// Each family contributes its descriptors from its own folder (`FeatureCatalog+Momentum.swift`
/// and so on); ``standard`` joins them. A catalogue is immutable and `Sendable`, so one instance
/// serves every thread.
public struct FeatureCatalog: Sendable {
    public let descriptors: [FeatureDescriptor]
    private let index: [String: Int]

    public init(_ descriptors: [FeatureDescriptor]) {
        var index: [String: Int] = [:]
        for (i, d) in descriptors.enumerated() {
            precondition(index[d.name] == nil, "feature \(d.name) registered twice")
            index[d.name] = i
        }
        self.descriptors = descriptors
        self.index = index
    }

    /// Every built-in feature.
    public static let standard = FeatureCatalog(
        overlapStudies + momentum + momentumMA + volumeIndicators + volatilityIndicators + priceTransform
            + cycleIndicators + statisticFunctions + patternRecognition
            + statistical + realizedVolatility + tailRisk + regime + crossAsset + microstructure
            + alpha158 + alpha360
    )

    public subscript(name: String) -> FeatureDescriptor? {
        index[name.uppercased()].map { descriptors[$0] }
    }

    /// Descriptors of one family, in registration order.
    public func group(_ group: FeatureGroup) -> [FeatureDescriptor] {
        descriptors.filter { $0.group == group }
    }

    /// Checks a spec and fills in defaults.
    ///
    /// Unknown names get the closest valid names; unknown parameters and out-of-range values get
    /// the valid names and ranges.
    public func resolve(_ spec: FeatureSpec) throws(FeatureError) -> ResolvedFeature {
        guard let d = self[spec.name] else {
            let near = suggestions(for: spec.name)
            let hint = near.isEmpty ? "run `barbell features list` for every name" : "did you mean \(near.joined(separator: ", "))?"
            throw FeatureError(.unknownFeature, "unknown feature '\(spec.name)'; \(hint)")
        }
        var values = d.parameters.map(\.defaultValue)
        var seen = Set<Int>()
        var position = 0
        for p in spec.parameters {
            let slot: Int
            if let name = p.name {
                guard let i = d.parameters.firstIndex(where: { $0.name == name }) else {
                    let valid = d.parameters.isEmpty ? "it takes none" : "valid: " + d.parameters.map(\.name).joined(separator: ", ")
                    throw FeatureError(.unknownParameter, "\(d.name) has no parameter '\(name)'; \(valid)")
                }
                slot = i
            } else {
                guard position < d.parameters.count else {
                    throw FeatureError(.unknownParameter, "\(d.name) takes \(d.parameters.count) parameter(s), got more")
                }
                slot = position
            }
            guard seen.insert(slot).inserted else {
                throw FeatureError(.invalidParameter, "\(d.name): parameter '\(d.parameters[slot].name)' given twice")
            }
            try d.parameters[slot].validate(p.value, feature: d.name)
            values[slot] = p.value
            position += 1
        }
        return ResolvedFeature(descriptor: d, parameters: FeatureParameters(names: d.parameters.map(\.name), values: values))
    }

    /// Parses and resolves a comma-separated feature list.
    public func resolve(list text: String) throws(FeatureError) -> [ResolvedFeature] {
        var out: [ResolvedFeature] = []
        for spec in try FeatureSpec.parseList(text) { out.append(try resolve(spec)) }
        return out
    }

    /// Up to five names sharing a prefix with, or within edit distance 2 of, `name`.
    func suggestions(for name: String) -> [String] {
        let upper = name.uppercased()
        let scored = descriptors.compactMap { d -> (Int, String)? in
            if d.name.hasPrefix(upper) || upper.hasPrefix(d.name) { return (0, d.name) }
            let distance = editDistance(Array(upper.utf8), Array(d.name.utf8))
            return distance <= 2 ? (distance, d.name) : nil
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(5).map(\.1)
    }
}

/// Levenshtein distance, for "did you mean" hints.
private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

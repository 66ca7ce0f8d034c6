/// How an ensemble combines its members.
public enum EnsembleMethod: String, Sendable, Codable, Equatable {
    case weighted, stacking, regime
}

/// Which correlation scores ensemble members: Pearson's, or Spearman's rank correlation.
public enum EnsembleMetric: String, Sendable, Codable, Equatable {
    case pearson, rank

    var ic: ICMethod { self == .pearson ? .pearson : .spearman }
}

/// The typed configuration of `type: ensemble`.
struct EnsembleSettings: Codable, Equatable {
    var method: EnsembleMethod
    var members: [ModelConfiguration]
    var metric: EnsembleMetric?
    var recentFraction: Double?
    var folds: Int?
    var embargo: Int?
    var meta: ModelConfiguration?
    var regimeFeature: String?
    var states: Int?
    var restarts: Int?

    static let keys: Set<String> = ["method", "members", "metric", "recentFraction", "folds", "embargo", "meta",
                                    "regimeFeature", "states", "restarts"]

    var metaConfiguration: ModelConfiguration { meta ?? ModelConfiguration(type: "ridge", parameters: ["alpha": .double(1)]) }
    var icMethod: ICMethod { (metric ?? .pearson).ic }

    static func decode(_ configuration: ModelConfiguration) throws(LearningError) -> EnsembleSettings {
        let s = try configuration.decode(EnsembleSettings.self, allowed: keys)
        func bad(_ message: String) -> LearningError { LearningError(.invalidArgument, "model ensemble: \(message)") }
        guard !s.members.isEmpty else { throw bad("members is empty; expected at least one model configuration") }
        if let f = s.recentFraction, !(f > 0 && f < 1) { throw bad("recentFraction = \(f); expected 0 < recentFraction < 1") }
        if let k = s.folds, k < 2 { throw bad("folds = \(k); expected ≥ 2") }
        if let e = s.embargo, e < 0 { throw bad("embargo = \(e); expected ≥ 0") }
        if let n = s.states, n < 1 { throw bad("states = \(n); expected ≥ 1") }
        if let r = s.restarts, r < 1 { throw bad("restarts = \(r); expected ≥ 1") }
        if s.method == .regime, (s.regimeFeature ?? "").isEmpty {
            throw bad("method regime needs regimeFeature, the feature column whose cross-sectional mean the regime model reads (e.g. ROC5)")
        }
        if s.method != .stacking, s.meta != nil { throw bad("meta applies to method stacking only") }
        if s.method != .regime, s.regimeFeature != nil || s.states != nil { throw bad("regimeFeature and states apply to method regime only") }
        return s
    }
}

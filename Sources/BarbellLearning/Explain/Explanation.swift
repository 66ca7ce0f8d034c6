import Foundation

/// How an explanation was computed.
public enum ExplanationMethod: String, Sendable, Codable, Equatable {
    case permutation
    case kernelSHAP = "kernel-shap"
    case treeSHAP = "tree-shap"
    case attention
}

/// One explanation of a model on some rows, in one shape for every method, so reports, JSON
/// and charts need not know which method made it.
///
/// Global importance is the score drop for permutation importance, the mean |φ| for SHAP and the
/// mean weight per lag for attention (whose "features" are lags, oldest first: `t-2`, `t-1`, `t`).
public struct Explanation: Sendable, Codable, Equatable {
    public var method: ExplanationMethod
    /// Feature names, or lag labels for attention.
    public var featureNames: [String]
    /// One global importance per feature.
    public var importance: [Double]
    /// Permutation only: the standard deviation of the drop over the repeats.
    public var importanceSpread: [Double]?
    /// Per explained row, one attribution per feature (SHAP values, attention weights); nil for
    /// permutation importance.
    public var attributions: [[Double]]?
    /// SHAP: the expected model output the attributions are measured from (row output = base + Σφ).
    public var baseValue: Double?
    /// The explained rows (positions in the feature matrix).
    public var rows: [Int]
    /// The seed of a sampled method.
    public var seed: UInt64?
    /// Permutation: the score whose drop is measured (`ic`, `rankIC`, `mse`).
    public var metric: String?

    public init(method: ExplanationMethod, featureNames: [String], importance: [Double], importanceSpread: [Double]? = nil,
                attributions: [[Double]]? = nil, baseValue: Double? = nil, rows: [Int], seed: UInt64? = nil, metric: String? = nil) {
        self.method = method
        self.featureNames = featureNames
        self.importance = importance
        self.importanceSpread = importanceSpread
        self.attributions = attributions
        self.baseValue = baseValue
        self.rows = rows
        self.seed = seed
        self.metric = metric
    }

    /// The explanation as JSON, keys sorted (byte-stable for a given explanation).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do { return try encoder.encode(self) } catch {
            throw LearningError(.nonFinite, "explanation: cannot encode as JSON (\(error)); importances must be finite")
        }
    }

    /// Features by importance, highest first (ties in feature order), at most `top`.
    public func ranked(top: Int? = nil) -> [(name: String, value: Double)] {
        let order = importance.indices.sorted { importance[$0] > importance[$1] || (importance[$0] == importance[$1] && $0 < $1) }
        return order.prefix(top ?? order.count).map { (featureNames[$0], importance[$0]) }
    }
}

/// Attention weights of a sequence model over its input window: per explained row, one weight
/// per lag, oldest first (the last is the row's own bar).
public struct AttentionMap: Sendable, Codable {
    public let lookback: Int
    public let weights: [[Double]]

    public init(lookback: Int, weights: [[Double]]) {
        self.lookback = lookback
        self.weights = weights
    }
}

/// A model that can report where its attention went (the transformer models).
public protocol AttentionReporting {
    func attention(_ inputs: FeatureMatrix, rows: [Int]) throws -> AttentionMap
}

/// Per-row attention of a sequence model over its input window: for each requested row, one
/// weight per step of the lookback, oldest step first, summing to 1 (up to float32 rounding).
public struct AttentionMap: Sendable, Equatable, Codable {
    /// Steps per window.
    public let lookback: Int
    /// The rows the weights belong to, in request order.
    public let rows: [Int]
    /// Per row: `lookback` weights, oldest → newest.
    public let weights: [[Double]]

    public init(lookback: Int, rows: [Int], weights: [[Double]]) {
        self.lookback = lookback
        self.rows = rows
        self.weights = weights
    }
}

/// A trained model that can say where in its input window it looked.
public protocol AttentionReporting {
    /// Whether ``attention(_:rows:)`` has weights to give (a neural model of an architecture
    /// without attention conforms but reports none).
    var reportsAttention: Bool { get }
    /// The attention of each of `rows` (each needs a full window, as for prediction).
    func attention(_ inputs: FeatureMatrix, rows: [Int]) throws -> AttentionMap
}

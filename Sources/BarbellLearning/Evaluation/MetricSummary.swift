/// One metric across cross-validation folds: mean, sample standard deviation and counts.
public struct MetricSummary: Sendable, Equatable {
    /// The per-fold values, in fold order.
    public let values: [Double]
    /// Mean over folds (each fold weighs the same, whatever its size).
    public let mean: Double
    /// Sample standard deviation over folds (n − 1); nil for a single fold.
    public let standardDeviation: Double?
    /// Number of folds.
    public let folds: Int
    /// Observations scored over all folds.
    public let observations: Int

    /// - Parameters:
    ///   - values: the metric in each fold.
    ///   - observations: the observations scored in each fold.
    /// - Throws: ``LearningError`` — `insufficientData` for no folds, `shapeMismatch` when the two
    ///   lengths differ, `nonFinite` for NaN, `invalidArgument` for a negative count.
    public init(values: [Double], observations: [Int]) throws(LearningError) {
        try MetricInput.atLeast(values.count, 1, "metric summary folds")
        try MetricInput.sameLength(values.count, observations.count, "fold values and observation counts")
        try MetricInput.finite(values, "fold value")
        if let i = observations.firstIndex(where: { $0 < 0 }) {
            throw LearningError(.invalidArgument, "fold \(i) has \(observations[i]) observations, expected ≥ 0")
        }
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        self.values = values
        self.mean = m
        self.standardDeviation = values.count < 2 ? nil : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        self.folds = values.count
        self.observations = observations.reduce(0, +)
    }
}

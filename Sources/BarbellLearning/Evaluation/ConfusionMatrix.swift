/// Counts of (actual, predicted) label pairs over a given label order
/// (`sklearn.metrics.confusion_matrix` with `labels`): row i is actual `labels[i]`, column j is
/// predicted `labels[j]`.
public struct ConfusionMatrix: Sendable, Equatable {
    /// The label of each row and column, in the order given.
    public let labels: [Int]
    /// `counts[i][j]`: rows whose actual label is `labels[i]` and prediction `labels[j]`.
    public let counts: [[Int]]

    /// - Throws: ``LearningError`` — `shapeMismatch` for unequal lengths, `insufficientData` for
    ///   no rows, `invalidArgument` for empty or repeated `labels` or a value not among them
    ///   (scikit-learn drops such rows silently; here it is a caller's mistake worth naming).
    public init(actual: [Int], predicted: [Int], labels: [Int]) throws(LearningError) {
        try MetricInput.sameLength(actual.count, predicted.count, "actual and predicted")
        try MetricInput.atLeast(actual.count, 1, "confusion matrix")
        guard !labels.isEmpty, Set(labels).count == labels.count else {
            throw LearningError(.invalidArgument, "confusion matrix labels \(labels): expected distinct labels")
        }
        var index: [Int: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for i in actual.indices {
            guard let a = index[actual[i]], let p = index[predicted[i]] else {
                throw LearningError(.invalidArgument, "row \(i) has actual \(actual[i]), predicted \(predicted[i]): expected labels among \(labels)")
            }
            counts[a][p] += 1
        }
        self.labels = labels
        self.counts = counts
    }

    /// Share of rows on the diagonal (the accuracy).
    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        return Double(labels.indices.reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }
}

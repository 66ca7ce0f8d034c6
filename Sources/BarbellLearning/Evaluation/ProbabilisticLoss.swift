import Foundation

/// Scores of predicted probabilities against class labels, as scikit-learn 1.9 computes them.
public enum ProbabilisticLoss {
    /// Mean negative log-likelihood of binary labels (0/1) under `probability` of class 1.
    ///
    /// Probabilities are clipped to [ε, 1 − ε] with ε = `Double.ulpOfOne` (as
    /// `sklearn.metrics.log_loss` does since 1.5), so a confident miss costs −log ε ≈ 36 rather
    /// than infinity.
    /// - Throws: ``LearningError`` — `shapeMismatch`, `insufficientData` (no rows), `nonFinite`,
    ///   `invalidArgument` for a probability outside [0, 1] or a label other than 0/1.
    public static func logLoss(labels: [Int], probability: [Double]) throws(LearningError) -> Double {
        try logLoss(labels: labels, probabilities: try binaryRows(labels: labels, probability: probability))
    }

    /// Mean negative log-likelihood of class indices `labels` under rows of class probabilities
    /// (column k is class k), clipped to [ε, 1 − ε] as above.
    /// - Throws: ``LearningError`` — `shapeMismatch` for unequal lengths or ragged rows,
    ///   `insufficientData` (no rows), `nonFinite`, `invalidArgument` for a probability outside
    ///   [0, 1], a row not summing to 1 (within √ε) or a label outside the columns.
    public static func logLoss(labels: [Int], probabilities: [[Double]]) throws(LearningError) -> Double {
        try MetricInput.distributions(labels: labels, probabilities: probabilities)
        let eps = Double.ulpOfOne
        var total = 0.0
        for (i, row) in probabilities.enumerated() {
            total -= log(min(max(row[labels[i]], eps), 1 - eps))
        }
        return total / Double(labels.count)
    }

    /// Binary Brier score: mean of (probability − label)², labels 0/1.
    /// - Throws: as ``logLoss(labels:probability:)``.
    public static func brierScore(labels: [Int], probability: [Double]) throws(LearningError) -> Double {
        try brierScore(labels: labels, probabilities: try binaryRows(labels: labels, probability: probability))
    }

    /// Multi-class Brier score: mean over rows of Σₖ (pₖ − 1[label = k])², in [0, 2].
    ///
    /// With exactly 2 columns it is halved, as `sklearn.metrics.brier_score_loss` does
    /// (`scale_by_half="auto"`), so it equals the binary score of the second column.
    /// - Throws: as ``logLoss(labels:probabilities:)``.
    public static func brierScore(labels: [Int], probabilities: [[Double]]) throws(LearningError) -> Double {
        try MetricInput.distributions(labels: labels, probabilities: probabilities)
        var total = 0.0
        for (i, row) in probabilities.enumerated() {
            for (k, p) in row.enumerated() {
                let d = p - (k == labels[i] ? 1 : 0)
                total += d * d
            }
        }
        let score = total / Double(labels.count)
        return probabilities[0].count == 2 ? score / 2 : score
    }

    static func binaryRows(labels: [Int], probability: [Double]) throws(LearningError) -> [[Double]] {
        try MetricInput.sameLength(labels.count, probability.count, "labels and probabilities")
        try MetricInput.binaryLabels(labels)
        var rows: [[Double]] = []
        rows.reserveCapacity(probability.count)
        for (i, p) in probability.enumerated() {
            try MetricInput.probability(p, "probability", row: i)
            rows.append([1 - p, p])
        }
        return rows
    }
}

extension ProbabilisticLoss {
    /// Share of rows whose predicted label equals the actual one (`sklearn.metrics.accuracy_score`).
    /// - Throws: ``LearningError`` — `shapeMismatch` for unequal lengths, `insufficientData` for no rows.
    public static func accuracy(actual: [Int], predicted: [Int]) throws(LearningError) -> Double {
        try MetricInput.sameLength(actual.count, predicted.count, "actual and predicted")
        try MetricInput.atLeast(actual.count, 1, "accuracy")
        return Double(zip(actual, predicted).filter { $0 == $1 }.count) / Double(actual.count)
    }
}

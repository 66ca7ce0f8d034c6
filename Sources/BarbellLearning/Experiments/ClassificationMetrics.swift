/// Out-of-sample scores of a classifier's probabilities: log loss, Brier score (squared error of the
/// probability vector against the one-hot label; halved for two classes, as scikit-learn does), accuracy of the most probable class, the
/// confusion matrix and, for two classes, the calibration curve of P(higher class) in ten
/// equal-width bins. Rows whose label is not one of the model's classes (a class unseen in
/// training) cannot be scored and are counted in ``excluded``.
public struct ClassificationMetrics: Sendable, Equatable, Codable {
    /// The class label values, ascending; rows and columns of ``confusion`` follow them.
    public var classes: [Double]
    public var logLoss: Double
    public var brier: Double
    public var accuracy: Double
    /// `confusion[actual][predicted]` counts.
    public var confusion: [[Int]]
    /// Two classes only: bin edges, observed share of the higher class and mean predicted
    /// probability per non-empty bin, and the rows in each.
    public var calibration: Calibration?
    public var observations: Int
    public var excluded: Int

    public struct Calibration: Sendable, Equatable, Codable {
        public var edges: [Double]
        public var fractionPositive: [Double]
        public var meanPredicted: [Double]
        public var counts: [Int]
    }

    /// Scores row-major `probabilities` (`classes.count` per row) against `labels`.
    public static func compute(labels: [Double], probabilities: [Double], classes: [Double]) throws -> ClassificationMetrics? {
        let k = classes.count
        var actual: [Int] = [], rowsP: [[Double]] = []
        for (r, label) in labels.enumerated() {
            guard let c = classes.firstIndex(of: label) else { continue }
            actual.append(c)
            rowsP.append(Array(probabilities[(r * k)..<((r + 1) * k)]))
        }
        guard !actual.isEmpty else { return nil }
        let predicted = rowsP.map { p in p.indices.max { p[$0] < p[$1] }! }
        var calibration: Calibration?
        if k == 2 {
            let curve = try CalibrationCurve(labels: actual, probability: rowsP.map { $0[1] }, bins: 10, strategy: .uniform)
            calibration = Calibration(edges: curve.edges, fractionPositive: curve.fractionPositive,
                                      meanPredicted: curve.meanPredicted, counts: curve.counts)
        }
        return ClassificationMetrics(
            classes: classes, logLoss: try ProbabilisticLoss.logLoss(labels: actual, probabilities: rowsP),
            brier: try ProbabilisticLoss.brierScore(labels: actual, probabilities: rowsP),
            accuracy: try ProbabilisticLoss.accuracy(actual: actual, predicted: predicted),
            confusion: try ConfusionMatrix(actual: actual, predicted: predicted, labels: Array(0..<k)).counts,
            calibration: calibration, observations: actual.count, excluded: labels.count - actual.count)
    }
}

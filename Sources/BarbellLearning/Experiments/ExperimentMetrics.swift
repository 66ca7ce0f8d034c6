/// Out-of-sample scores of a set of predictions, Qlib style.
///
/// With at least three symbols the ICs are cross-sectional: one correlation per calendar bar
/// between the scores and the realised labels across symbols, averaged (IC, rank IC) and divided by
/// their standard deviation (ICIR, rank ICIR). With fewer symbols they are time-series
/// correlations over all rows, and ICIR is left out (`nil`) unless several folds give one (the
/// experiment's aggregate then uses the per-fold ICs). The hit rate is the share of rows whose
/// score and label have the same sign — after removing each bar's cross-sectional mean from both
/// in a panel, so it measures ranking, not the market's direction.
public struct ExperimentMetrics: Sendable, Equatable, Codable {
    public var ic: Double
    public var rankIC: Double
    public var icir: Double?
    public var rankICIR: Double?
    public var hitRate: Double
    /// Rows scored.
    public var observations: Int
    /// Calendar bars with a cross-sectional IC (0 for time-series ICs).
    public var periods: Int
    /// Log loss, Brier score, accuracy, confusion matrix and calibration, for classifiers.
    public var classification: ClassificationMetrics?

    /// Scores `rows` of `dataset` predicted as `scores`.
    public static func compute(dataset: SupervisedDataset, rows: [Int], scores: [Double],
                               probabilities: (classes: [Double], values: [Double])? = nil) throws -> ExperimentMetrics {
        var metrics = try compute(dataset: dataset, rows: rows, scores: scores)
        if let probabilities {
            metrics.classification = try ClassificationMetrics.compute(
                labels: rows.map { dataset.labels[$0] }, probabilities: probabilities.values, classes: probabilities.classes)
        }
        return metrics
    }

    static func compute(dataset: SupervisedDataset, rows: [Int], scores: [Double]) throws -> ExperimentMetrics {
        let labels = rows.map { dataset.labels[$0] }
        let period = rows.map { dataset.time[$0] }
        if dataset.symbols.count >= 3 {
            let ic = try PanelIC(period: period, prediction: scores, realised: labels, method: .pearson)
            let rank = try PanelIC(period: period, prediction: scores, realised: labels, method: .spearman)
            let hit = try HitRate(prediction: demeaned(scores, period), realised: demeaned(labels, period))
            return ExperimentMetrics(ic: ic.summary.mean, rankIC: rank.summary.mean, icir: ic.summary.icir,
                                     rankICIR: rank.summary.icir, hitRate: hit.rate, observations: rows.count,
                                     periods: ic.ics.count, classification: nil)
        }
        let ic = try InformationCoefficient.pearson(prediction: scores, realised: labels)
        let rank = try InformationCoefficient.spearman(prediction: scores, realised: labels)
        let hit = try HitRate(prediction: scores, realised: labels)
        return ExperimentMetrics(ic: ic, rankIC: rank, icir: nil, rankICIR: nil, hitRate: hit.rate,
                                 observations: rows.count, periods: 0, classification: nil)
    }

    /// Each value minus the mean of its period.
    static func demeaned(_ values: [Double], _ period: [Int]) -> [Double] {
        var sum: [Int: (Double, Int)] = [:]
        for (v, p) in zip(values, period) { let s = sum[p] ?? (0, 0); sum[p] = (s.0 + v, s.1 + 1) }
        return zip(values, period).map { v, p in let s = sum[p]!; return v - s.0 / Double(s.1) }
    }
}

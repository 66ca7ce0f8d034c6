import BarbellLearning
import Foundation
import Testing

@Suite("Evaluation metrics")
struct MetricsTests {
    static let tolerance = 1e-12

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= tolerance }
    static func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { close($0, $1) } }
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { close($0, b) } ?? false }

    @Test("IC and rank IC match scipy pearsonr and spearmanr on tied data")
    func correlations() throws {
        let f = try MetricsFixture.load()
        #expect(Set(f.prediction).count < f.prediction.count)  // the data does have ties
        #expect(Self.close(try InformationCoefficient.pearson(prediction: f.prediction, realised: f.realised), f.pearson))
        #expect(Self.close(try InformationCoefficient.spearman(prediction: f.prediction, realised: f.realised), f.spearman))
    }

    @Test("average ranks share tied positions")
    func ranks() {
        #expect(InformationCoefficient.averageRanks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
    }

    @Test("hit rate excludes zero realised values")
    func hitRate() throws {
        let f = try MetricsFixture.load()
        let h = try HitRate(prediction: f.prediction, realised: f.realised)
        #expect(h.hits == f.hitRate.hits && h.count == f.hitRate.count && h.excluded == f.hitRate.excluded)
        #expect(Self.close(h.rate, f.hitRate.rate))
    }

    @Test("IC summary: mean, std, ICIR and the scipy one-sample t-statistic")
    func icSummary() throws {
        let f = try MetricsFixture.load().icSummary
        let s = try ICSummary(ics: f.ics)
        #expect(Self.close(s.mean, f.mean) && Self.close(s.standardDeviation, f.std))
        #expect(Self.close(s.icir, f.icir) && Self.close(s.tStatistic, f.tStat) && s.count == f.count)
    }

    @Test("panel IC per period skips thin periods and matches scipy per group", arguments: [ICMethod.pearson, .spearman])
    func panel(method: ICMethod) throws {
        let f = try MetricsFixture.load().panel
        let want = method == .pearson ? f.pearson : f.spearman
        let p = try PanelIC(period: f.period, prediction: f.prediction, realised: f.realised, method: method)
        #expect(p.periods == want.periods && p.skippedPeriods == want.skipped)
        #expect(Self.close(p.ics, want.ics))
        #expect(Self.close(p.summary.mean, want.mean) && Self.close(p.summary.standardDeviation, want.std))
        #expect(Self.close(p.summary.icir, want.icir) && Self.close(p.summary.tStatistic, want.tStat))
        #expect(p.summary.count == want.periods.count)
    }

    @Test("binary log loss, Brier score and accuracy match scikit-learn (with 0/1 probabilities clipped)")
    func binary() throws {
        let f = try MetricsFixture.load().binary
        #expect(Self.close(try ProbabilisticLoss.logLoss(labels: f.labels, probability: f.probabilities), f.logLoss))
        #expect(Self.close(try ProbabilisticLoss.brierScore(labels: f.labels, probability: f.probabilities), f.brier))
        let rows = f.probabilities.map { [1 - $0, $0] }
        #expect(Self.close(try ProbabilisticLoss.brierScore(labels: f.labels, probabilities: rows), f.brierTwoColumn))
        let predicted = f.probabilities.map { $0 > 0.5 ? 1 : 0 }
        #expect(Self.close(try ProbabilisticLoss.accuracy(actual: f.labels, predicted: predicted), f.accuracy))
    }

    @Test("a confident miss costs −log ε, not infinity")
    func clipping() throws {
        let loss = try ProbabilisticLoss.logLoss(labels: [1], probability: [0])
        #expect(loss == -log(Double.ulpOfOne))
    }

    @Test("multi-class log loss, Brier score, accuracy and confusion matrix match scikit-learn")
    func multi() throws {
        let f = try MetricsFixture.load().multi
        #expect(Self.close(try ProbabilisticLoss.logLoss(labels: f.labels, probabilities: f.probabilities), f.logLoss))
        #expect(Self.close(try ProbabilisticLoss.brierScore(labels: f.labels, probabilities: f.probabilities), f.brier))
        #expect(Self.close(try ProbabilisticLoss.accuracy(actual: f.labels, predicted: f.predicted), f.accuracy))
        let m = try ConfusionMatrix(actual: f.labels, predicted: f.predicted, labels: f.confusionLabels)
        #expect(m.counts == f.confusion && m.labels == f.confusionLabels)
        #expect(Self.close(m.accuracy, f.accuracy))
    }

    @Test("calibration curves match sklearn calibration_curve, empty bins dropped")
    func calibration() throws {
        let f = try MetricsFixture.load().binary
        for want in f.calibration {
            let strategy = CalibrationStrategy(rawValue: want.strategy)!
            let c = try CalibrationCurve(labels: f.labels, probability: f.calibrationProbabilities, bins: want.bins, strategy: strategy)
            #expect(Self.close(c.fractionPositive, want.fractionPositive), "\(want.bins) \(want.strategy)")
            #expect(Self.close(c.meanPredicted, want.meanPredicted), "\(want.bins) \(want.strategy)")
            #expect(c.counts.reduce(0, +) == f.labels.count)
            #expect(c.edges == want.edges, "\(want.bins) \(want.strategy)")  // exact: edge ties decide bins
        }
        #expect(f.calibration.contains { $0.onEdge > 0 })  // some probabilities do sit on an inner edge
        #expect(f.calibration.contains { $0.meanPredicted.count < $0.bins })  // the data does drop a bin
    }

    @Test("fold summary: mean, sample std, fold and observation counts")
    func foldSummary() throws {
        let f = try MetricsFixture.load().summary
        let s = try MetricSummary(values: f.values, observations: f.observations)
        #expect(Self.close(s.mean, f.mean) && Self.close(s.standardDeviation, f.std))
        #expect(s.folds == f.count && s.observations == f.totalObservations)
        #expect(try MetricSummary(values: [0.5], observations: [10]).standardDeviation == nil)
    }
}

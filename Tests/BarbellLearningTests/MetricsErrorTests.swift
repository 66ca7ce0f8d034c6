import BarbellLearning
import Testing

@Suite("Evaluation metric errors")
struct MetricsErrorTests {
    /// The code of the error `body` throws (nil when it succeeds).
    static func code(_ body: () throws -> Void) -> LearningError.Code? {
        do { try body() } catch { return (error as? LearningError)?.code }
        return nil
    }

    static let x: [Double] = [0.1, -0.2, 0.3, 0.05]
    static let y: [Double] = [0.2, -0.1, 0.1, -0.3]

    @Test("ICs refuse length mismatch, NaN, too few rows and constant series")
    func ic() {
        for method in [ICMethod.pearson, .spearman] {
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: Self.x, realised: Self.y) } == nil)
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: Self.x, realised: [1, 2]) } == .shapeMismatch)
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: [1, .nan, 2, 3], realised: Self.y) } == .nonFinite)
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: [1], realised: [2]) } == .insufficientData)
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: [1, 1, 1, 1], realised: Self.y) } == .insufficientData)
            #expect(Self.code { _ = try InformationCoefficient.compute(method, prediction: Self.x, realised: [2, 2, 2, 2]) } == .insufficientData)
        }
    }

    @Test("a NaN names its row")
    func namesRow() {
        do {
            _ = try InformationCoefficient.pearson(prediction: Self.x, realised: [0, 1, .infinity, 2])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("realised row 2"))
        }
    }

    @Test("hit rate refuses mismatch, NaN and all-zero outcomes")
    func hitRate() {
        #expect(Self.code { _ = try HitRate(prediction: Self.x, realised: [1]) } == .shapeMismatch)
        #expect(Self.code { _ = try HitRate(prediction: [.nan, 1], realised: [1, 1]) } == .nonFinite)
        #expect(Self.code { _ = try HitRate(prediction: [1, 1], realised: [0, 0]) } == .insufficientData)
    }

    @Test("IC summary needs 2 finite ICs; equal ICs have no ICIR")
    func icSummary() throws {
        #expect(Self.code { _ = try ICSummary(ics: [0.1]) } == .insufficientData)
        #expect(Self.code { _ = try ICSummary(ics: [0.1, .nan]) } == .nonFinite)
        let flat = try ICSummary(ics: [0.05, 0.05, 0.05])
        #expect(flat.mean == 0.05 && flat.standardDeviation == 0 && flat.icir == nil && flat.tStatistic == nil)
    }

    @Test("panel IC refuses mismatch and NaN, and needs 2 periods with an IC")
    func panel() {
        #expect(Self.code { _ = try PanelIC(period: [0, 0], prediction: Self.x, realised: Self.y, method: .pearson) } == .shapeMismatch)
        #expect(Self.code { _ = try PanelIC(period: [0, 0, 1, 1], prediction: Self.x, realised: [1, .nan, 2, 3], method: .pearson) } == .nonFinite)
        // period 0 has constant predictions: only period 1 is left
        #expect(Self.code { _ = try PanelIC(period: [0, 0, 1, 1], prediction: [1, 1, 2, 3], realised: Self.y, method: .spearman) } == .insufficientData)
    }

    @Test("probabilistic losses refuse bad probabilities, labels and rows")
    func losses() {
        let labels = [0, 1, 1]
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: labels, probability: [0.2, 0.7, 0.9]) } == nil)
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: labels, probability: [0.2, 0.7]) } == .shapeMismatch)
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: labels, probability: [0.2, 1.1, 0.9]) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.brierScore(labels: labels, probability: [-0.1, 0.7, 0.9]) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.brierScore(labels: labels, probability: [0.2, .nan, 0.9]) } == .nonFinite)
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: [0, 2, 1], probability: [0.2, 0.7, 0.9]) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: [], probability: []) } == .insufficientData)
        let rows: [[Double]] = [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: [2, 0], probabilities: rows) } == nil)
        #expect(Self.code { _ = try ProbabilisticLoss.logLoss(labels: [2, 0], probabilities: [[0.2, 0.3, 0.4], [0.1, 0.1, 0.8]]) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.brierScore(labels: [1, 0], probabilities: [[0.2, 0.8], [0.1, 0.1, 0.8]]) } == .shapeMismatch)
        #expect(Self.code { _ = try ProbabilisticLoss.brierScore(labels: [3, 0], probabilities: rows) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.brierScore(labels: [0, 0], probabilities: [[1], [1]]) } == .invalidArgument)
        #expect(Self.code { _ = try ProbabilisticLoss.accuracy(actual: [1, 2], predicted: [1]) } == .shapeMismatch)
        #expect(Self.code { _ = try ProbabilisticLoss.accuracy(actual: [], predicted: []) } == .insufficientData)
    }

    @Test("a row not summing to 1 is named")
    func namesSum() {
        do {
            _ = try ProbabilisticLoss.brierScore(labels: [0, 1], probabilities: [[0.5, 0.5], [0.3, 0.6]])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidArgument && error.message.contains("row 1"))
        }
    }

    @Test("confusion matrix and calibration curve refuse bad input")
    func matrixAndCurve() {
        #expect(Self.code { _ = try ConfusionMatrix(actual: [0, 1], predicted: [0], labels: [0, 1]) } == .shapeMismatch)
        #expect(Self.code { _ = try ConfusionMatrix(actual: [0, 2], predicted: [0, 1], labels: [0, 1]) } == .invalidArgument)
        #expect(Self.code { _ = try ConfusionMatrix(actual: [0, 1], predicted: [0, 1], labels: [0, 0, 1]) } == .invalidArgument)
        #expect(Self.code { _ = try ConfusionMatrix(actual: [], predicted: [], labels: [0, 1]) } == .insufficientData)
        #expect(Self.code { _ = try CalibrationCurve(labels: [0, 1], probability: [0.2, 0.8], bins: 0, strategy: .uniform) } == .invalidArgument)
        #expect(Self.code { _ = try CalibrationCurve(labels: [0, 1], probability: [0.2, 1.8], bins: 2, strategy: .uniform) } == .invalidArgument)
        #expect(Self.code { _ = try CalibrationCurve(labels: [0, 1], probability: [0.2, .nan], bins: 2, strategy: .quantile) } == .nonFinite)
        #expect(Self.code { _ = try CalibrationCurve(labels: [0, 3], probability: [0.2, 0.8], bins: 2, strategy: .uniform) } == .invalidArgument)
        #expect(Self.code { _ = try CalibrationCurve(labels: [0], probability: [0.2, 0.8], bins: 2, strategy: .uniform) } == .shapeMismatch)
    }

    @Test("fold summary refuses no folds, mismatch, NaN and negative counts")
    func summary() {
        #expect(Self.code { _ = try MetricSummary(values: [], observations: []) } == .insufficientData)
        #expect(Self.code { _ = try MetricSummary(values: [0.5, 0.6], observations: [10]) } == .shapeMismatch)
        #expect(Self.code { _ = try MetricSummary(values: [0.5, .nan], observations: [10, 10]) } == .nonFinite)
        #expect(Self.code { _ = try MetricSummary(values: [0.5, 0.6], observations: [10, -1]) } == .invalidArgument)
    }
}

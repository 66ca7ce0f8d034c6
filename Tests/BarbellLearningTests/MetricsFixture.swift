import Foundation

/// The reference written by Tests/Fixtures/learning/metrics.py (scipy 1.17.1, scikit-learn 1.9.1).
struct MetricsFixture: Decodable {
    struct Hit: Decodable { let rate: Double; let hits: Int; let count: Int; let excluded: Int }
    struct Summary: Decodable { let ics: [Double]; let mean: Double; let std: Double; let icir: Double; let tStat: Double; let count: Int }
    struct PanelResult: Decodable {
        let periods: [Int]; let ics: [Double]; let skipped: [Int]
        let mean: Double; let std: Double; let icir: Double; let tStat: Double
    }
    struct Panel: Decodable {
        let period: [Int]; let prediction: [Double]; let realised: [Double]
        let pearson: PanelResult; let spearman: PanelResult
    }
    struct Curve: Decodable { let bins: Int; let strategy: String; let edges: [Double]; let onEdge: Int; let fractionPositive: [Double]; let meanPredicted: [Double] }
    struct Binary: Decodable {
        let labels: [Int]; let probabilities: [Double]
        let logLoss: Double; let brier: Double; let accuracy: Double; let brierTwoColumn: Double
        let calibrationProbabilities: [Double]; let calibration: [Curve]
    }
    struct Multi: Decodable {
        let labels: [Int]; let probabilities: [[Double]]; let predicted: [Int]
        let logLoss: Double; let brier: Double; let accuracy: Double
        let confusion: [[Int]]; let confusionLabels: [Int]
    }
    struct Folds: Decodable {
        let values: [Double]; let observations: [Int]; let mean: Double; let std: Double
        let count: Int; let totalObservations: Int
    }
    let prediction: [Double]
    let realised: [Double]
    let pearson: Double
    let spearman: Double
    let hitRate: Hit
    let icSummary: Summary
    let panel: Panel
    let binary: Binary
    let multi: Multi
    let summary: Folds

    static func load() throws -> MetricsFixture {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Fixtures/learning/metrics.json")
        return try JSONDecoder().decode(MetricsFixture.self, from: Data(contentsOf: url))
    }
}

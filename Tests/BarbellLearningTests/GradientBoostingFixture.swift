import Foundation

/// The reference written by Tests/Fixtures/learning/xgboost.py (XGBoost 1.7.4, Python).
struct GradientBoostingFixture: Decodable {
    struct Case: Decodable {
        let name: String
        let x: [[Double?]]
        let y: [Double]
        let weights: [Double]?
        let xValid: [[Double?]]?
        let yValid: [Double]?
        let xTest: [[Double?]]
        let rounds: Int
        let eta: Double
        let maxDepth: Int
        let earlyStoppingRounds: Int?
        let bestIteration: Int?
        let trainedRounds: Int
        let predict: [Double]
        let margin: [Double]
        let contributions: [Double]
        let importance: [String: [Double]]
    }
    let library: String
    let columns: Int
    let cases: [Case]
    let swiftModelPredict: [Double]?

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/learning")

    static func load() throws -> GradientBoostingFixture {
        let data = try Data(contentsOf: directory.appendingPathComponent("xgboost.json"))
        return try JSONDecoder().decode(GradientBoostingFixture.self, from: data)
    }
}

/// Row-major features with JSON nulls as NaN (XGBoost's missing value).
func boostingRowMajor(_ rows: [[Double?]]) -> [Double] { rows.flatMap { $0.map { $0 ?? .nan } } }

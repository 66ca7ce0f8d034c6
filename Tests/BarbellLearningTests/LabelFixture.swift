import BarbellData
import BarbellLearning
import Foundation

/// The reference written by Tests/Fixtures/learning/labels.py (pandas transcription of AFML ch. 3–4).
struct LabelFixture: Decodable {
    struct Forward: Decodable {
        let horizon: Int
        let simple: [Double]
        let log: [Double]
        let deadZone: Double
        let direction: [Int]
    }
    struct Config: Decodable {
        let pt: Double
        let sl: Double
        let h: Int
        let span: Double
        let warmUp: Int?
    }
    struct Labels: Decodable {
        let event: [Int]
        let touch: [Int]
        let barrier: [String]
        let ret: [Double]
        let label: [Int]
        let volatility: [Double]
        let spanStart: [Int]
        let spanEnd: [Int]
    }
    struct Triple: Decodable {
        let config: Config
        let events: [Int]?
        let side: [Int]?
        let labels: Labels
    }
    struct Weights: Decodable {
        let concurrency: [Int]
        let uniqueness: [Double]
        let attribution: [Double]
    }
    let close: [Double]
    let volatility20: [Double?]
    let forward: Forward
    let tripleA: Triple
    let tripleB: Triple
    let metaC: Triple
    let weightsA: Weights

    // Resolved so the scratch package (which links this folder in) still finds Samples/.
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() throws -> LabelFixture {
        let url = root.appendingPathComponent("Tests/Fixtures/learning/labels.json")
        return try JSONDecoder().decode(LabelFixture.self, from: Data(contentsOf: url))
    }

    /// The first 600 closes of the bundled S&P 500 sample, read by BarbellData as the script reads them.
    static func closes() throws -> [Double] {
        let series = try MarketFile.loadBars(root.appendingPathComponent("Samples/arch_sp500.csv.gz").path)
        return Array(series[0].series.close.prefix(600))
    }
}

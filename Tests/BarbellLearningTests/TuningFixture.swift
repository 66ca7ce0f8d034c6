import BarbellLearning
import BarbellStore
import Foundation

/// The reference written by Tests/Fixtures/tuning/tpe.py (optuna 3.6.1).
struct TuningFixture: Decodable {
    struct Trial: Decodable {
        let number: Int
        let state: String
        let value: Double?
        let parameter: ConfigValue
        let intermediate: [String: Double]
    }
    struct TPECase: Decodable {
        let name: String
        let direction: String
        let space: ConfigValue
        let trials: [Trial]
        let below: [Int]
        let above: [Int]
        let points: [Double]
        let logPDFBelow: [Double]
        let logPDFAbove: [Double]
    }
    struct Outcome: Decodable {
        let number: Int
        let state: String
        let lastStep: Int?
    }
    struct PrunerCase: Decodable {
        let name: String
        let direction: String
        let pruner: ConfigValue
        let curves: [[Double]]
        let outcomes: [Outcome]
    }
    let library: String
    let tpe: [TPECase]
    let pruners: [PrunerCase]

    static func load() throws -> TuningFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tuning/tpe.json")
        return try JSONDecoder().decode(TuningFixture.self, from: Data(contentsOf: url))
    }
}

extension TuningFixture.TPECase {
    /// The case's one parameter, named `x`.
    func parameter() throws -> SearchParameter {
        try SearchSpace(configuration: .object(["x": space])).parameters[0]
    }

    func records() -> [TrialRecord] {
        trials.map { trial in
            var intermediate: [Int: Double] = [:]
            for (step, value) in trial.intermediate { intermediate[Int(step)!] = value }
            return TrialRecord(number: trial.number, state: TrialState(rawValue: trial.state)!, parameters: ["x": trial.parameter],
                               value: trial.value, intermediate: intermediate)
        }
    }
}

/// A scratch SQLite study store in its own folder.
struct ScratchTuningStore {
    let folder: URL
    var path: String { folder.appendingPathComponent("studies.sqlite").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-tuning-\(UUID().uuidString)")
    }

    func open() throws -> SQLiteStudyStore { try SQLiteStudyStore(path: path) }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

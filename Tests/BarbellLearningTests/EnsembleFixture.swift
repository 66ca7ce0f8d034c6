import BarbellData
import Foundation
@testable import BarbellLearning

/// Synthetic panels and test-double model families for the ensemble tests.
enum EnsembleFixture {
    struct Normal {
        var g: SplitMix64
        init(seed: UInt64) { g = SplitMix64(seed: seed) }
        mutating func next() -> Double {
            let u = max(g.nextUniform(), 1e-300), v = g.nextUniform()
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    /// A panel of `times` bars × `symbols` symbols, rows ordered by time then symbol, each label
    /// reading the `horizon` bars after its own; `row(t, s)` gives the features and the label.
    static func dataset(featureNames: [String], times: Int, symbols: Int, horizon: Int = 1,
                        row: (Int, Int) -> (features: [Double], label: Double)) throws -> SupervisedDataset {
        var symbolIndex: [Int] = [], time: [Int] = [], features: [Double] = [], labels: [Double] = [], spans: [LabelSpan] = []
        for t in 0..<times {
            for s in 0..<symbols {
                let r = row(t, s)
                symbolIndex.append(s)
                time.append(t)
                features += r.features
                labels.append(r.label)
                spans.append(try LabelSpan(start: t + 1, end: t + horizon))
            }
        }
        return SupervisedDataset(featureNames: featureNames, symbols: (0..<symbols).map { "S\($0)" },
                                 calendar: (0..<(times + horizon)).map { Timestamp(seconds: Int64($0) * 86_400) },
                                 symbolIndex: symbolIndex, time: time, features: features, labels: labels, spans: spans,
                                 skippedWarmUp: [Int](repeating: 0, count: symbols))
    }

    /// Label = signal + noise; features [signal, noise column].
    static func signalAndNoise(times: Int = 200, symbols: Int = 8, horizon: Int = 1, signal: Double = 1, seed: UInt64 = 1) throws -> SupervisedDataset {
        var n = Normal(seed: seed)
        return try dataset(featureNames: ["SIGNAL", "NOISE"], times: times, symbols: symbols, horizon: horizon) { _, _ in
            let x = n.next(), z = n.next(), e = n.next()
            return ([x, z], signal * x + e)
        }
    }

    /// Rows `0..<n` of a matrix (a panel truncated in time when `n` ends a bar).
    static func prefix(_ m: FeatureMatrix, _ n: Int) -> FeatureMatrix {
        FeatureMatrix(featureNames: m.featureNames, symbols: m.symbols, calendar: m.calendar, symbolIndex: Array(m.symbolIndex.prefix(n)),
                      time: Array(m.time.prefix(n)), values: Array(m.values.prefix(n * m.width)))
    }

    static let registry = ModelRegistry(families: [EnsembleFamily(), LinearFamily(), BoostingFamily(), ColumnFamily(), MemoriseFamily()])
}

/// `type: column`: predicts `scale ×` one feature column; fits nothing.
struct ColumnFamily: ModelFamily {
    var types: [String] { ["column"] }
    struct Settings: Codable, Equatable { var column: Int; var scale: Double? }

    func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        Column(configuration: configuration, settings: try configuration.decode(Settings.self, allowed: ["column", "scale"]))
    }

    func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        Column(configuration: configuration, settings: try configuration.decode(Settings.self, allowed: ["column", "scale"]))
    }

    struct Column: Learner, TrainedModel {
        let configuration: ModelConfiguration
        let settings: Settings
        func fit(_ request: FitRequest) throws -> any TrainedModel { self }
        func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
            rows.map { inputs.values[$0 * inputs.width + settings.column] * (settings.scale ?? 1) }
        }
        func weights() throws -> ModelWeights { ModelWeights(files: ["column.json": Data("{}".utf8)]) }
    }
}

/// `type: memorise`: recalls the training label of a (symbol, bar) it was fitted on, and
/// otherwise predicts feature column `fallback` — perfect in sample, useless out of sample.
struct MemoriseFamily: ModelFamily {
    var types: [String] { ["memorise"] }
    struct Settings: Codable, Equatable { var fallback: Int }

    func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        Fitter(configuration: configuration, settings: try configuration.decode(Settings.self, allowed: ["fallback"]))
    }

    func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        Trained(configuration: configuration, settings: try configuration.decode(Settings.self, allowed: ["fallback"]),
                memory: try weights.json([String: Double].self, "memory.json", model: "memorise"))
    }

    struct Fitter: Learner {
        let configuration: ModelConfiguration
        let settings: Settings
        func fit(_ request: FitRequest) throws -> any TrainedModel {
            let d = request.dataset
            var memory: [String: Double] = [:]
            for i in request.train { memory["\(d.symbolIndex[i])@\(d.time[i])"] = d.labels[i] }
            return Trained(configuration: configuration, settings: settings, memory: memory)
        }
    }

    struct Trained: TrainedModel {
        let configuration: ModelConfiguration
        let settings: Settings
        let memory: [String: Double]
        func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
            rows.map { memory["\(inputs.symbolIndex[$0])@\(inputs.time[$0])"] ?? inputs.values[$0 * inputs.width + settings.fallback] }
        }
        func weights() throws -> ModelWeights {
            var w = ModelWeights()
            try w.setJSON(memory, "memory.json")
            return w
        }
    }
}

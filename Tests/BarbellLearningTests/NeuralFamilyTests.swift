import BarbellData
import Foundation
@testable import BarbellLearning
import Testing

/// The neural zoo through the common interface, on a synthetic panel whose label is a known
/// function of the last two steps of feature `signal` (plus noise), so a model that reads its
/// window must reach a clearly positive IC on later rows; every other check compares the model
/// with itself (seeds, restore, other symbols' rows) or with the interface's contracts.
@Suite("Neural family")
struct NeuralFamilyTests {
    static let symbols = ["AAA", "BBB", "CCC"]

    /// `steps` bars of three symbols, rows by time then symbol. Features `signal`, `noise`,
    /// `volume`, `volatility` ~ N(0, 1); label = signal_t + 0.5·signal_{t−1} + 0.3·N(0, 1)
    /// (0 at t = 0), or its sign (±1) for `classes`.
    static func panel(steps: Int = 240, seed: UInt64 = 11, classes: Bool = false) throws -> SupervisedDataset {
        var g = SplitMix64(seed: seed)
        func normal() -> Double {
            let u = max(g.nextUniform(), 1e-12), v = g.nextUniform()
            return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
        }
        var features = [Double](), labels = [Double](), symbolIndex = [Int](), time = [Int](), spans = [LabelSpan]()
        var previous = [Double](repeating: 0, count: symbols.count)
        for t in 0..<steps {
            for s in symbols.indices {
                let row = [normal(), normal(), normal(), normal()]
                let y = row[0] + 0.5 * previous[s] + 0.3 * normal()
                previous[s] = row[0]
                features += row
                labels.append(classes ? (y > 0 ? 1 : -1) : y)
                symbolIndex.append(s)
                time.append(t)
                spans.append(try LabelSpan(start: t + 1, end: t + 1))
            }
        }
        return SupervisedDataset(
            featureNames: ["signal", "noise", "volume", "volatility"], symbols: symbols,
            calendar: (0...steps).map { Timestamp(seconds: Int64($0) * 86_400) }, symbolIndex: symbolIndex, time: time,
            features: features, labels: labels, spans: spans, skippedWarmUp: [0, 0, 0])
    }

    /// Rows by time: the first 70 % train, the next 10 % validate, the rest are held out.
    static func split(_ data: SupervisedDataset) -> (train: [Int], validation: [Int], test: [Int]) {
        let steps = data.calendar.count - 1
        let (a, b) = (steps * 7 / 10, steps * 8 / 10)
        let rows = Array(0..<data.count)
        return (rows.filter { data.time[$0] < a }, rows.filter { data.time[$0] >= a && data.time[$0] < b },
                rows.filter { data.time[$0] >= b })
    }

    static func configuration(_ type: String, _ extra: [String: ConfigValue] = [:]) -> ModelConfiguration {
        var parameters: [String: ConfigValue] = [
            "hidden": .int(8), "heads": .int(2), "lookback": .int(4), "epochs": .int(6), "batchSize": .int(32),
            "learningRate": .double(0.01), "dropout": .double(0),
        ]
        parameters.merge(extra) { $1 }
        return ModelConfiguration(type: type, parameters: parameters)
    }

    static func fit(_ configuration: ModelConfiguration, _ data: SupervisedDataset, seed: UInt64 = 7) throws -> any TrainedModel {
        let (train, validation, _) = split(data)
        return try ModelRegistry.standard.learner(configuration)
            .fit(FitRequest(dataset: data, train: train, validation: validation, seed: seed))
    }

    @Test("the registry knows the twelve zoo architectures")
    func types() {
        #expect(NeuralFamily().types.count == 12)
        for type in ["lstm", "gru", "transformer", "tcn", "multiscale-attention", "market-transformer"] {
            #expect(ModelRegistry.standard.types.contains(type))
        }
    }

    /// The best possible IC is √(1.25/1.34) ≈ 0.966; a model that read only the row itself (not its
    /// window) could reach at most √(1/1.34) ≈ 0.864, so > 0.9 shows it uses the previous step.
    @Test("LSTM, GRU and Transformer reach a clearly positive IC on held-out rows", arguments: ["lstm", "gru", "transformer"])
    func heldOutIC(type: String) throws {
        let data = try Self.panel()
        let model = try Self.fit(Self.configuration(type), data)
        let test = Self.split(data).test
        let prediction = try model.predict(data.inputs, rows: test)
        let ic = try InformationCoefficient.pearson(prediction: prediction, realised: test.map { data.labels[$0] })
        #expect(model.window == 4)
        #expect(ic > 0.9, "\(type): IC \(ic)")
    }

    @Test("the same seed gives bit-identical predictions; another seed does not")
    func seeded() throws {
        let data = try Self.panel(steps: 120)
        let configuration = Self.configuration("gru", ["dropout": .double(0.2), "epochs": .int(3)])
        let rows = Self.split(data).test
        let a = try Self.fit(configuration, data, seed: 3).predict(data.inputs, rows: rows)
        let b = try Self.fit(configuration, data, seed: 3).predict(data.inputs, rows: rows)
        let c = try Self.fit(configuration, data, seed: 4).predict(data.inputs, rows: rows)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("restored from its weights, a model predicts bit for bit the same", arguments: ["lstm", "transformer", "tcn"])
    func restore(type: String) throws {
        let data = try Self.panel(steps: 100)
        let configuration = Self.configuration(type, ["epochs": .int(2)])
        let model = try Self.fit(configuration, data)
        let weights = try model.weights()
        #expect(Set(weights.files.keys) == ["model.pt", "neural.json"])
        let restored = try ModelRegistry.standard.restore(configuration, weights: weights)
        let rows = Self.split(data).test
        #expect(try restored.predict(data.inputs, rows: rows) == model.predict(data.inputs, rows: rows))
        #expect(restored.window == model.window)
        // Weights of one configuration do not restore under another.
        #expect(throws: LearningError.self) {
            try ModelRegistry.standard.restore(Self.configuration(type, ["hidden": .int(16)]), weights: weights)
        }
    }

    @Test("classification: probabilities of the higher class that rank the labels; restore keeps them")
    func classification() throws {
        let data = try Self.panel(classes: true)
        let configuration = Self.configuration("lstm", ["task": .string("classification")])
        let model = try Self.fit(configuration, data)
        let test = Self.split(data).test
        let p = try model.predict(data.inputs, rows: test)
        #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
        let ic = try InformationCoefficient.pearson(prediction: p, realised: test.map { data.labels[$0] })
        #expect(ic > 0.4, "IC \(ic)")
        let restored = try ModelRegistry.standard.restore(configuration, weights: try model.weights())
        #expect(try restored.predict(data.inputs, rows: test) == p)
    }

    @Test("bad configurations are refused with the field named", arguments: [
        (["hiden": ConfigValue.int(8)], "hiden"),
        (["hidden": .int(0)], "hidden"),
        (["hidden": .string("wide")], "hidden"),
        (["lookback": .int(0)], "lookback"),
        (["patience": .int(0)], "patience"),
        (["learningRate": .double(-1)], "learning rate"),
        (["heads": .int(3)], "heads"),
        (["task": .string("ranking")], "task"),
    ])
    func badConfiguration(extra: [String: ConfigValue], named: String) {
        var configuration = ModelConfiguration(type: "transformer", parameters: ["hidden": .int(8)])
        configuration.parameters.merge(extra) { $1 }
        do {
            _ = try ModelRegistry.standard.learner(configuration)
            Issue.record("accepted \(extra)")
        } catch let error as LearningError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(named), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("market-transformer needs its columns by feature name, checked against the data")
    func marketColumns() throws {
        #expect(throws: LearningError.self) { try ModelRegistry.standard.learner(Self.configuration("market-transformer")) }
        let data = try Self.panel(steps: 60)
        let misnamed = Self.configuration("market-transformer", ["volumeFeature": .string("VMA5"), "volatilityFeature": .string("volatility")])
        #expect(throws: LearningError.self) { try Self.fit(misnamed, data) }
    }

    @Test("attention rows have the lookback's length and sum to 1", arguments: [
        "transformer", "market-transformer", "bilstm-attention", "attention-gru", "multiscale-attention",
    ])
    func attention(type: String) throws {
        let data = try Self.panel(steps: 60)
        let configuration = Self.configuration(type, [
            "epochs": .int(1), "lookback": .int(6), "layers": .int(2), "scales": .array([.int(2), .int(6)]),
            "volumeFeature": .string("volume"), "volatilityFeature": .string("volatility"),
        ].filter { key, _ in
            switch key {
            case "scales": type == "multiscale-attention"
            case "volumeFeature", "volatilityFeature": type == "market-transformer"
            default: true
            }
        })
        let model = try Self.fit(configuration, data)
        let rows = Self.split(data).test
        let reporting = try #require(model as? any AttentionReporting)
        #expect(reporting.reportsAttention)
        let map = try reporting.attention(data.inputs, rows: rows)
        #expect(map.lookback == 6 && map.rows == rows && map.weights.count == rows.count)
        for row in map.weights {
            #expect(row.count == 6)
            #expect(row.allSatisfy { $0 >= 0 })
            #expect(abs(row.reduce(0, +) - 1) < 1e-5)
        }
        // Not a constant: the weights depend on the input.
        #expect(Set(map.weights.map { $0[5] }).count > 1)
    }

    @Test("a model without attention says so")
    func noAttention() throws {
        let data = try Self.panel(steps: 40)
        let model = try Self.fit(Self.configuration("lstm", ["epochs": .int(1)]), data)
        let reporting = try #require(model as? any AttentionReporting)
        #expect(!reporting.reportsAttention)
        #expect(throws: LearningError.self) { try reporting.attention(data.inputs, rows: [data.count - 1]) }
    }

    @Test("windows never cross symbols: other symbols' rows do not move a prediction; short history is an error")
    func windowsPerSymbol() throws {
        let data = try Self.panel(steps: 60)
        let model = try Self.fit(Self.configuration("lstm", ["epochs": .int(1)]), data)
        let inputs = data.inputs
        let rows = Array((data.count - 9)..<data.count)
        let base = try model.predict(inputs, rows: rows)
        // Overwrite every feature of AAA (symbol 0): BBB and CCC predictions must not change.
        var values = inputs.values
        for i in 0..<inputs.count where inputs.symbolIndex[i] == 0 {
            for j in 0..<inputs.width { values[i * inputs.width + j] = 5 }
        }
        let changed = FeatureMatrix(featureNames: inputs.featureNames, symbols: inputs.symbols, calendar: inputs.calendar,
                                    symbolIndex: inputs.symbolIndex, time: inputs.time, values: values)
        let moved = try model.predict(changed, rows: rows)
        for (k, r) in rows.enumerated() {
            if inputs.symbolIndex[r] == 0 { #expect(moved[k] != base[k]) } else { #expect(moved[k] == base[k]) }
        }
        // Row 4 is BBB's second bar: with a lookback of 4 it has no window.
        do {
            _ = try model.predict(inputs, rows: [4])
            Issue.record("predicted without a full window")
        } catch let error as LearningError {
            #expect(error.code == .insufficientData)
            #expect(error.message.contains("row 4") && error.message.contains("BBB"), "\(error.message)")
        }
    }

    @Test("training rows without a full window are dropped; none left is an error; sample weights are refused")
    func trainingRows() throws {
        let data = try Self.panel(steps: 40)
        let learner = try ModelRegistry.standard.learner(Self.configuration("gru", ["epochs": .int(1)]))
        // The first three bars of every symbol have no window of 4.
        #expect(throws: LearningError.self) { try learner.fit(FitRequest(dataset: data, train: Array(0..<9), seed: 1)) }
        _ = try learner.fit(FitRequest(dataset: data, train: Array(0..<30), seed: 1))
        #expect(throws: LearningError.self) {
            try learner.fit(FitRequest(dataset: data, train: Array(0..<30), seed: 1,
                                       sampleWeights: [Double](repeating: 1, count: data.count)))
        }
    }

    @Test("early stopping keeps the best validation epoch's weights; without validation rows every epoch runs")
    func earlyStopping() throws {
        let data = try Self.panel(steps: 120)
        let (train, validation, _) = Self.split(data)
        // A rate high enough that validation loss rises again within the epochs.
        let configuration = Self.configuration("gru", ["epochs": .int(25), "patience": .int(2), "learningRate": .double(0.05)])
        let learner = try ModelRegistry.standard.learner(configuration)
        let model = try #require(try learner.fit(FitRequest(dataset: data, train: train, validation: validation, seed: 2)) as? TrainedNeural)
        let history = try #require(model.history)
        let losses = history.epochs.compactMap(\.validationLoss)
        #expect(losses.count == history.epochs.count)
        let best = try #require(losses.indices.min { losses[$0] < losses[$1] })
        #expect(history.restoredEpoch == best)
        #expect(history.stoppedEarly && best < losses.count - 1, "\(losses)")  // the best is not simply the last
        // The kept weights score the validation rows at the best epoch's loss (MSE in target-scale units).
        let scale = model.state.targetScale
        let p = try model.predict(data.inputs, rows: validation)
        let mse = zip(p, validation.map { data.labels[$0] }).reduce(0) { $0 + ($1.0 / scale - $1.1 / scale) * ($1.0 / scale - $1.1 / scale) }
            / Double(validation.count)
        #expect(Swift.abs(mse - losses[best]) < 1e-4 * max(1, losses[best]), "MSE \(mse) vs best \(losses[best]) of \(losses)")

        let all = try #require(try learner.fit(FitRequest(dataset: data, train: train, seed: 2)) as? TrainedNeural)
        #expect(all.history?.epochs.count == 25 && all.history?.restoredEpoch == nil)
    }

    @Test("a row outside the inputs is an error, not a crash")
    func rowOutOfRange() throws {
        let data = try Self.panel(steps: 40)
        let model = try Self.fit(Self.configuration("cnn", ["epochs": .int(1)]), data)
        #expect(throws: LearningError.self) { try model.predict(data.inputs, rows: [data.count]) }
    }
}

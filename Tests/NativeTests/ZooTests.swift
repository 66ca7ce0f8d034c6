import BarbellData
import BarbellTorch
import Foundation
import Testing

/// The sequence-model zoo: PyTorch parity of each architecture (Tests/Fixtures/torch/zoo.py),
/// output widths per task, configuration round trips, seeded builds and a short training run.
@Suite("Sequence-model zoo")
struct ZooTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/torch")
    struct Fixture: Decodable {
        struct Case: Decodable { let output: [Double] }
        let input: [Double]
        let cases: [String: Case]
    }
    /// Every `zoo*.json` (one per fixture script): case name → (input, expected output). A case is
    /// named by its architecture, or `architecture@head` for a non-default head.
    static let cases: [String: (input: [Double], output: [Double])] = {
        let files = try! FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("zoo") && $0.hasSuffix(".json") }
        var all: [String: (input: [Double], output: [Double])] = [:]
        for file in files {
            let f = try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: directory.appendingPathComponent(file)))
            for (name, c) in f.cases { all[name] = (f.input, c.output) }
        }
        return all
    }()

    /// The fixture scripts' configuration: features 3 (column 1 volume, column 2 volatility),
    /// hidden 8, 2 layers, dropout 0.1, 2 heads, kernel 3, lookbacks 2, 4 and 7 of a 7-step input.
    static func configuration(_ a: SequenceModelConfiguration.Architecture, task: PredictionTask = .regression(horizons: 3),
                              head: SequenceModelConfiguration.Head = .linear) -> SequenceModelConfiguration {
        SequenceModelConfiguration(architecture: a, features: 3, hidden: 8, layers: 2, dropout: 0.1, heads: 2, kernelSize: 3,
                                   scales: [2, 4, 7], volumeFeature: 1, volatilityFeature: 2, head: head, task: task)
    }

    static let parityCases: [String] = SequenceModelConfiguration.Architecture.allCases.map(\.rawValue)
        + SequenceModelConfiguration.Head.allCases.filter { $0 != .linear }.map { "lstm@\($0.rawValue)" }

    @Test("PyTorch's reference architecture's weights load and give its outputs", arguments: parityCases)
    func parity(_ name: String) throws {
        let parts = name.split(separator: "@").map(String.init)
        let a = try #require(SequenceModelConfiguration.Architecture(rawValue: parts[0]))
        let head = try #require(parts.count > 1 ? SequenceModelConfiguration.Head(rawValue: parts[1]) : .linear)
        let model = try Self.configuration(a, head: head).build(seed: 1, dtype: .float64)
        try model.load(from: Self.directory.appendingPathComponent("zoo_\(name).pt").path)
        model.eval()
        let fixture = try #require(Self.cases[name], "no fixture case \(name)")
        let y = try model.forward(try Tensor(fixture.input, shape: [4, 7, 3]))
        #expect(y.shape == [4, 3])
        // The same libtorch kernels in float64; only composition order differs.
        for (u, v) in zip(y.toArray(), fixture.output) { #expect(abs(u - v) <= 1e-10 * max(1, abs(v)), "\(name): \(u) vs \(v)") }
    }

    @Test("each task sets the output width and the default loss; configurations round-trip through JSON")
    func tasks() throws {
        let x = try Tensor(float32: (0..<(5 * 7 * 3)).map { Float($0 % 11) / 11 - 0.5 }, shape: [5, 7, 3])
        for a in SequenceModelConfiguration.Architecture.allCases {
            for task in [PredictionTask.regression(horizons: 2), .classification(classes: 3), .quantile([0.1, 0.5, 0.9])] {
              for head in SequenceModelConfiguration.Head.allCases {
                let c = Self.configuration(a, task: task, head: head)
                let m = try c.build(seed: 7)
                #expect(try m.forward(x).shape == [5, task.outputs])
                let decoded = try JSONDecoder().decode(SequenceModelConfiguration.self, from: JSONEncoder().encode(c))
                #expect(decoded == c)
              }
            }
        }
        #expect(PredictionTask.quantile([0.2, 0.8]).defaultLoss == .pinball(quantiles: [0.2, 0.8]))
        #expect(PredictionTask.classification(classes: 3).defaultLoss == .crossEntropy)
    }

    @Test("the same seed builds bit-identical weights; another seed does not")
    func seeded() throws {
        for a in SequenceModelConfiguration.Architecture.allCases {
            let c = Self.configuration(a)
            let one = try c.build(seed: 3).namedParameters.flatMap { $0.tensor.toArray() }
            let two = try c.build(seed: 3).namedParameters.flatMap { $0.tensor.toArray() }
            let other = try c.build(seed: 4).namedParameters.flatMap { $0.tensor.toArray() }
            #expect(one == two && one != other)
        }
    }

    @Test("each architecture learns a simple signal: the training loss falls", arguments: SequenceModelConfiguration.Architecture.allCases)
    func learns(_ a: SequenceModelConfiguration.Architecture) throws {
        // Target: the mean of the last step's features — visible to every architecture.
        var g = SplitMix64(seed: 2)
        let n = 64
        let x = (0..<(n * 7 * 3)).map { _ in Float(g.nextUniform() * 2 - 1) }
        var y = [Float]()
        for i in 0..<n {
            let last = (i * 7 + 6) * 3
            y.append((x[last] + x[last + 1] + x[last + 2]) / 3)
        }
        let data = try TrainingData(inputs: Tensor(float32: x, shape: [n, 7, 3]), targets: Tensor(float32: y, shape: [n, 1]))
        var c = Self.configuration(a)
        (c.hidden, c.layers, c.dropout, c.task) = (16, 1, 0, .regression(horizons: 1))
        let model = try c.build(seed: 1)
        let history = try Trainer(model: model, loss: .mse,
                                  configuration: TrainerConfiguration(epochs: 15, batchSize: 16, learningRate: 0.01, seed: 1)).fit(data)
        let losses = history.epochs.map(\.trainLoss)
        #expect(losses.last! < losses.first! / 2, "\(a): \(losses)")
    }

    @Test("a configuration names only what it changes; tasks decode from a bare kind or with their fields")
    func partialDecoding() throws {
        func decode(_ json: String) throws -> SequenceModelConfiguration {
            try JSONDecoder().decode(SequenceModelConfiguration.self, from: Data(json.utf8))
        }
        let minimal = try decode(#"{"architecture": "tcn", "features": 5}"#)
        #expect(minimal == SequenceModelConfiguration(architecture: .tcn, features: 5))
        let full = try decode(#"{"architecture": "market-transformer", "features": 4, "hidden": 16, "head": "multi-horizon", "volumeFeature": 2, "volatilityFeature": 3, "task": {"kind": "quantile", "quantiles": [0.05, 0.95]}}"#)
        #expect(full.architecture == .marketTransformer && full.hidden == 16 && full.head == .multiHorizon && full.volumeFeature == 2)
        #expect(full.task == .quantile([0.05, 0.95]))
        #expect(try decode(#"{"architecture": "gru", "features": 2, "task": "classification"}"#).task == .classification(classes: 3))
        #expect(try decode(#"{"architecture": "gru", "features": 2, "task": {"kind": "regression", "horizons": 3}}"#).task == .regression(horizons: 3))
        #expect(throws: DecodingError.self) { try decode(#"{"architecture": "gru", "features": 2, "task": "ranking"}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"architecture": "rnn", "features": 2}"#) }
        #expect(throws: TorchError.self) { try decode(#"{"architecture": "gru"}"#).build(seed: 1) }   // features left to the data, never set
        #expect(throws: TorchError.self) { try SequenceModelConfiguration(architecture: .marketTransformer, features: 3, heads: 2, volumeFeature: 1).build(seed: 1) }
        #expect(throws: TorchError.self) { try SequenceModelConfiguration(architecture: .multiScaleAttention, features: 3, scales: []).build(seed: 1) }
    }

    @Test("invalid configurations and wrong input shapes are errors")
    func badInput() throws {
        #expect(throws: TorchError.self) { try SequenceModelConfiguration(architecture: .transformer, features: 3, hidden: 10, heads: 3).build(seed: 1) }
        #expect(throws: TorchError.self) { try SequenceModelConfiguration(architecture: .lstm, features: 0).build(seed: 1) }
        #expect(throws: TorchError.self) { try SequenceModelConfiguration(architecture: .gru, features: 3, task: .quantile([1.5])).build(seed: 1) }
        let m = try Self.configuration(.lstm).build(seed: 1)
        #expect(throws: TorchError.self) { try m.forward(try Tensor(float32: [Float](repeating: 0, count: 4 * 7 * 5), shape: [4, 7, 5])) }
    }
}

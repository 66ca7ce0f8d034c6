import BarbellData
import BarbellTorch
import Foundation
import Testing

/// A linear model as a ``Predictor``: small enough that each behaviour of the trainer can be
/// checked exactly.
final class LinearRegressor: Predictor {
    let linear: Linear
    var isTraining = true
    init(seed: UInt64) throws { linear = try Linear(inFeatures: 3, outFeatures: 1, dtype: .float64, generator: SeededGenerator(seed: seed)) }
    var localState: [ModuleTensor] { [] }
    var children: [(name: String, module: any Module)] { [("linear", linear)] }
    func forward(_ input: Tensor) throws -> Tensor { try linear(input) }
}

@Suite("Trainer: determinism, resumption, early stopping, averaging, divergence")
struct TrainerTests {
    /// y = x·(1.5, −2, 0.5) + 0.3 + noise, 96 rows; `flip` negates y (a validation set that gets
    /// worse as the training fit improves).
    static func data(seed: UInt64, rows: Int = 96, flip: Bool = false) throws -> TrainingData {
        var g = SplitMix64(seed: seed)
        var x = [Double](), y = [Double]()
        for _ in 0..<rows {
            let r = (0..<3).map { _ in g.nextUniform() * 2 - 1 }
            x += r
            let v = 1.5 * r[0] - 2 * r[1] + 0.5 * r[2] + 0.3 + 0.05 * (g.nextUniform() - 0.5)
            y.append(flip ? -v : v)
        }
        return try TrainingData(inputs: Tensor(x, shape: [rows, 3]), targets: Tensor(y, shape: [rows, 1]))
    }

    static func weights(_ m: LinearRegressor) -> [Double] {
        m.namedParameters.flatMap { $0.tensor.toArray() }
    }

    static func config(epochs: Int = 6) -> TrainerConfiguration {
        TrainerConfiguration(epochs: epochs, batchSize: 16, learningRate: 0.05, optimizer: .adamW(weightDecay: 0.01),
                             schedule: .warmupCosine(warmupSteps: 4, totalSteps: epochs * 6), gradientClip: 1.0, seed: 9)
    }

    @Test("the loss falls, and the same seeds give bit-identical weights and history")
    func deterministic() throws {
        let train = try Self.data(seed: 1)
        var runs = [([Double], TrainingHistory)]()
        for _ in 0..<2 {
            let m = try LinearRegressor(seed: 3)
            let t = try Trainer(model: m, loss: .mse, configuration: Self.config())
            let h = try t.fit(train)
            runs.append((Self.weights(m), h))
        }
        #expect(runs[0].0 == runs[1].0 && runs[0].1 == runs[1].1)
        let losses = runs[0].1.epochs.map(\.trainLoss)
        #expect(losses.last! < losses.first! / 3, "\(losses)")
        #expect(runs[0].1.steps == 36)
        let json = try JSONEncoder().encode(runs[0].1)
        #expect(try JSONDecoder().decode(TrainingHistory.self, from: json) == runs[0].1)
    }

    @Test("a checkpoint after 3 epochs resumes to the uninterrupted run's weights, bit for bit")
    func resumes() throws {
        let train = try Self.data(seed: 1), valid = try Self.data(seed: 2, rows: 32)
        let straight = try LinearRegressor(seed: 3)
        let full = try Trainer(model: straight, loss: .mse, configuration: Self.config())
        try full.fit(train, validation: valid)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-ckpt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var short = Self.config()
        short.epochs = 3
        let first = try Trainer(model: try LinearRegressor(seed: 3), loss: .mse, configuration: short)
        // The schedule spans the full run in both, so the first half sees the same rates.
        try first.fit(train, validation: valid, checkpointDirectory: dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/model.pt"))

        let resumedModel = try LinearRegressor(seed: 99)   // other initial weights: the checkpoint must replace them
        let resumed = try Trainer(model: resumedModel, loss: .mse, configuration: Self.config())
        try resumed.restoreCheckpoint(from: dir)
        try resumed.fit(train, validation: valid)
        #expect(Self.weights(resumedModel) == Self.weights(straight))
        #expect(resumed.history == full.history)
    }

    @Test("with dropout, a resumed run draws the same masks: bit-identical to the uninterrupted run")
    func resumesWithDropout() throws {
        // A 2-layer LSTM predictor: dropout between the layers and before the head, so both the
        // LSTM's generator and the Dropout module's are exercised.
        var g = SplitMix64(seed: 4)
        let x = (0..<(48 * 5 * 3)).map { _ in g.nextUniform() * 2 - 1 }
        let y = (0..<48).map { i in x[(i * 5 + 4) * 3] }
        let train = try TrainingData(inputs: Tensor(x, shape: [48, 5, 3]), targets: Tensor(y, shape: [48, 1]))
        let c = SequenceModelConfiguration(architecture: .lstm, features: 3, hidden: 6, layers: 2, dropout: 0.3)
        var config = Self.config(epochs: 4)
        config.schedule = .constant
        let straight = try c.build(seed: 5, dtype: .float64)
        try Trainer(model: straight, loss: .mse, configuration: config).fit(train)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-ckpt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var short = config
        short.epochs = 2
        try Trainer(model: try c.build(seed: 5, dtype: .float64), loss: .mse, configuration: short).fit(train, checkpointDirectory: dir)
        let resumedModel = try c.build(seed: 6, dtype: .float64)   // other weights and generator states
        let resumed = try Trainer(model: resumedModel, loss: .mse, configuration: config)
        try resumed.restoreCheckpoint(from: dir)
        try resumed.fit(train)
        let weights = { (m: any Predictor) in m.namedParameters.flatMap { $0.tensor.toArray() } }
        #expect(weights(resumedModel) == weights(straight))

        // Without the generator states the masks differ, so the test can fail.
        try FileManager.default.removeItem(atPath: dir + "/generators.pt")
        try StateDictFile.save([], to: dir + "/generators.pt")
        #expect(throws: TorchError.self) { try Trainer(model: try c.build(seed: 6, dtype: .float64), loss: .mse, configuration: config).restoreCheckpoint(from: dir) }
        let drifted = try c.build(seed: 6, dtype: .float64)
        let other = try Trainer(model: drifted, loss: .mse, configuration: config)
        try drifted.load(from: dir + "/model.pt")
        try other.fit(train)
        #expect(weights(drifted) != weights(straight))
    }

    @Test("early stopping ends the run and restores the best epoch's weights")
    func earlyStopping() throws {
        let train = try Self.data(seed: 1), worse = try Self.data(seed: 2, rows: 32, flip: true)
        var c = Self.config(epochs: 10)
        c.earlyStoppingPatience = 2
        let m = try LinearRegressor(seed: 3)
        let h = try Trainer(model: m, loss: .mse, configuration: c).fit(train, validation: worse)
        #expect(h.stoppedEarly && h.epochs.count < 10)
        let best = try #require(h.restoredEpoch)
        #expect(h.epochs[best].validationLoss == h.epochs.compactMap(\.validationLoss).min())
        // The same run cut after the best epoch has exactly the restored weights.
        let trimmed = try LinearRegressor(seed: 3)
        var upTo = c
        upTo.earlyStoppingPatience = nil
        upTo.epochs = best + 1
        upTo.schedule = c.schedule
        _ = try Trainer(model: trimmed, loss: .mse, configuration: upTo).fit(train, validation: worse)
        #expect(Self.weights(m) == Self.weights(trimmed))
    }

    @Test("weight averaging ends with the mean of the epochs' weights from its start")
    func averaging() throws {
        let train = try Self.data(seed: 1)
        var c = Self.config(epochs: 5)
        c.averagingStartEpoch = 2
        let plain = try LinearRegressor(seed: 3)
        var perEpoch = [[Double]]()
        var p = c
        p.averagingStartEpoch = nil
        _ = try Trainer(model: plain, loss: .mse, configuration: p).fit(train) { _ in perEpoch.append(Self.weights(plain)) }
        let m = try LinearRegressor(seed: 3)
        let h = try Trainer(model: m, loss: .mse, configuration: c).fit(train)
        #expect(h.averaged)
        let tail = perEpoch[2...]
        let mean = (0..<tail.first!.count).map { i in tail.reduce(0) { $0 + $1[i] } / Double(tail.count) }
        for (a, b) in zip(Self.weights(m), mean) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
    }

    @Test("gradient accumulation over 2 × 8 rows equals one 16-row batch")
    func accumulation() throws {
        let train = try Self.data(seed: 1, rows: 32)
        var one = TrainerConfiguration(epochs: 3, batchSize: 16, learningRate: 0.1, optimizer: .sgd(momentum: 0),
                                       gradientClip: nil, shuffle: false)
        let a = try LinearRegressor(seed: 3)
        try Trainer(model: a, loss: .mse, configuration: one).fit(train)
        one.batchSize = 8
        one.accumulationSteps = 2
        let b = try LinearRegressor(seed: 3)
        try Trainer(model: b, loss: .mse, configuration: one).fit(train)
        for (x, y) in zip(Self.weights(a), Self.weights(b)) { #expect(abs(x - y) <= 1e-14 * max(1, abs(y))) }
    }

    @Test("a diverging loss stops with an error and leaves the last good, finite weights")
    func divergence() throws {
        let train = try Self.data(seed: 1)
        let c = TrainerConfiguration(epochs: 50, batchSize: 16, learningRate: 1e6, optimizer: .sgd(momentum: 0.9),
                                     gradientClip: nil, seed: 1)
        let m = try LinearRegressor(seed: 3)
        do {
            try Trainer(model: m, loss: .mse, configuration: c).fit(train)
            Issue.record("a learning rate of 1e6 must diverge")
        } catch let e as TrainingError {
            #expect(e.description.contains("not finite"))
        }
        let finite = Self.weights(m).allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test("bad data and settings are errors naming the problem")
    func badInput() throws {
        let x = try Tensor([1, 2, .nan, 4, 5, 6], shape: [2, 3])
        do {
            _ = try TrainingData(inputs: x, targets: Tensor([1, 2], shape: [2, 1]))
            Issue.record("NaN input")
        } catch let e as TorchError { #expect(e.message.contains("row 0")) }
        let one = try Tensor([1, 2, 3], shape: [1, 3]), two = try Tensor([1, 2], shape: [2, 1])
        #expect(throws: TorchError.self) { try TrainingData(inputs: one, targets: two) }
        let model = try LinearRegressor(seed: 1)
        #expect(throws: TorchError.self) { try Trainer(model: model, loss: .mse, configuration: TrainerConfiguration(epochs: 0)) }
        let wrong = try TrainingData(inputs: Tensor([1, 2, 3, 4], shape: [2, 2]), targets: Tensor([1, 2], shape: [2, 1]))
        let trainer = try Trainer(model: model, loss: .mse, configuration: TrainerConfiguration(epochs: 1))
        #expect(throws: TorchError.self) { try trainer.fit(wrong) }
    }
}

/// A linear model with dropout on its input, for Monte Carlo dropout.
final class DropoutRegressor: Predictor {
    let dropout: Dropout
    let linear: Linear
    var isTraining = true
    init(seed: UInt64) throws {
        let g = try SeededGenerator(seed: seed)
        linear = try Linear(inFeatures: 3, outFeatures: 1, dtype: .float64, generator: g)
        dropout = try Dropout(p: 0.3, generator: g)
    }
    var localState: [ModuleTensor] { [] }
    var children: [(name: String, module: any Module)] { [("dropout", dropout), ("linear", linear)] }
    func forward(_ input: Tensor) throws -> Tensor { try linear(try dropout(input)) }
}

@Suite("Monte Carlo dropout")
struct MonteCarloDropoutTests {
    @Test("samples differ, the summary is consistent, the same seed repeats, modes are restored")
    func summary() throws {
        let x = try Tensor([0.5, -1, 2, 1, 1, 1], shape: [2, 3])
        let m = try DropoutRegressor(seed: 4)
        m.eval()
        let a = try m.monteCarloDropout(x, samples: 200, coverage: 0.8)
        #expect(a.shape == [2, 1] && a.samples == 200)
        #expect(a.standardDeviation.allSatisfy { $0 > 0 })
        #expect(zip(zip(a.lower, a.upper), a.mean).allSatisfy { $0.0 <= $1 && $1 <= $0.1 })
        #expect(!m.isTraining && !m.dropout.isTraining)
        // Inverted dropout of the input keeps a linear layer's expectation: the MC mean is the
        // eval-mode output up to sampling error (5 standard errors).
        let plain = try m.forward(x).toArray()
        for i in plain.indices { #expect(abs(a.mean[i] - plain[i]) <= 5 * a.standardDeviation[i] / 200.0.squareRoot()) }
        let b = try DropoutRegressor(seed: 4).monteCarloDropout(x, samples: 200, coverage: 0.8)
        #expect(a == b)
        #expect(throws: TorchError.self) { try LinearRegressor(seed: 1).monteCarloDropout(x) }
        #expect(throws: TorchError.self) { try m.monteCarloDropout(x, samples: 1) }
    }
}

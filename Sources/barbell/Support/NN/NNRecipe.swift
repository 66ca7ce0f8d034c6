import BarbellTorch
import Foundation
import Yams

/// A training recipe: the model, the trainer and the data windows, read from YAML or JSON so an
/// experiment can be named, rerun and compared. Every field has a default; a file names what it
/// changes. Command-line options override the file.
///
/// ```yaml
/// model: {architecture: lstm, hidden: 32, dropout: 0.1, task: regression}
/// training: {epochs: 20, batchSize: 64, learningRate: 0.001, schedule: warmup-cosine, patience: 5, seed: 7}
/// data: {lookback: 30, horizons: [1], validation: 0.2, features: "ROCP(timeperiod=1),RSI(timeperiod=14)"}
/// ```
struct NNRecipe: Codable, Sendable {
    var model = SequenceModelConfiguration(architecture: .lstm, features: 0, hidden: 32)
    var training = NNTrainingSection()
    var data = NNDataSection()

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decodeIfPresent(SequenceModelConfiguration.self, forKey: .model) ?? model
        training = try c.decodeIfPresent(NNTrainingSection.self, forKey: .training) ?? training
        data = try c.decodeIfPresent(NNDataSection.self, forKey: .data) ?? data
    }

    /// Reads a recipe file; `.json` is JSON, anything else YAML (a superset of JSON).
    static func load(path: String) throws -> NNRecipe {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(path): cannot read the recipe (\(error.localizedDescription))", exitCode: ExitStatus.usage)
        }
        do {
            return path.hasSuffix(".json") ? try JSONDecoder().decode(NNRecipe.self, from: Data(text.utf8))
                                           : try YAMLDecoder().decode(NNRecipe.self, from: text)
        } catch let error as DecodingError {
            throw CommandFailure(message: "\(path): \(error.recipeDescription)", exitCode: ExitStatus.usage)
        } catch {
            throw CommandFailure(message: "\(path): not a valid recipe (\(error))", exitCode: ExitStatus.usage)
        }
    }
}

/// The trainer's settings in a recipe, flat and named for people; ``configuration(stepsPerEpoch:)``
/// turns them into a ``TrainerConfiguration``.
struct NNTrainingSection: Codable, Sendable {
    var epochs = 20
    var batchSize = 64
    var learningRate = 1e-3
    /// `adamw` or `sgd`.
    var optimizer = "adamw"
    var weightDecay = 1e-2
    /// SGD momentum.
    var momentum = 0.9
    /// `constant`, `warmup-cosine` or `one-cycle`, spanning the whole run.
    var schedule = "constant"
    /// Warm-up share of the optimizer steps (`warmup-cosine`, `one-cycle`).
    var warmupFraction = 0.1
    var gradientClip: Double? = 1.0
    var accumulationSteps = 1
    /// Early-stopping patience in epochs (restores the best weights); nil: off.
    var patience: Int?
    /// Start epoch of stochastic weight averaging; nil: off.
    var averageFrom: Int?
    /// The loss: the task's own when nil; or `mse`, `huber`, `directional`, `negative-sharpe`,
    /// `max-drawdown`, `cvar`, `sharpe+mse` (negative Sharpe plus 0.5·MSE).
    var loss: String?
    var seed: UInt64 = 0

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = NNTrainingSection()
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? d.epochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? d.batchSize
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? d.learningRate
        optimizer = try c.decodeIfPresent(String.self, forKey: .optimizer) ?? d.optimizer
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? d.weightDecay
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? d.momentum
        schedule = try c.decodeIfPresent(String.self, forKey: .schedule) ?? d.schedule
        warmupFraction = try c.decodeIfPresent(Double.self, forKey: .warmupFraction) ?? d.warmupFraction
        gradientClip = c.contains(.gradientClip) ? try c.decodeIfPresent(Double.self, forKey: .gradientClip) : d.gradientClip
        accumulationSteps = try c.decodeIfPresent(Int.self, forKey: .accumulationSteps) ?? d.accumulationSteps
        patience = try c.decodeIfPresent(Int.self, forKey: .patience)
        averageFrom = try c.decodeIfPresent(Int.self, forKey: .averageFrom)
        loss = try c.decodeIfPresent(String.self, forKey: .loss)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
    }

    /// The trainer configuration for `stepsPerEpoch` optimizer steps per epoch.
    func configuration(stepsPerEpoch: Int) throws -> TrainerConfiguration {
        let optimizerChoice: OptimizerChoice
        switch optimizer.lowercased() {
        case "adamw": optimizerChoice = .adamW(weightDecay: weightDecay)
        case "sgd": optimizerChoice = .sgd(momentum: momentum, weightDecay: weightDecay)
        default: throw CommandFailure(message: "training.optimizer '\(optimizer)': expected adamw or sgd", exitCode: ExitStatus.usage)
        }
        let total = max(1, epochs * stepsPerEpoch)
        let warmup = max(1, Int((warmupFraction * Double(total)).rounded()))
        let rates: LearningRateSchedule
        switch schedule.lowercased() {
        case "constant": rates = .constant
        case "warmup-cosine": rates = .warmupCosine(warmupSteps: min(warmup, total), totalSteps: total)
        case "one-cycle": rates = .oneCycle(totalSteps: total, warmupFraction: warmupFraction)
        default: throw CommandFailure(message: "training.schedule '\(schedule)': expected constant, warmup-cosine or one-cycle", exitCode: ExitStatus.usage)
        }
        let c = TrainerConfiguration(epochs: epochs, batchSize: batchSize, learningRate: learningRate, optimizer: optimizerChoice,
                                     schedule: rates, gradientClip: gradientClip, accumulationSteps: accumulationSteps,
                                     earlyStoppingPatience: patience, averagingStartEpoch: averageFrom, seed: seed)
        do { try c.validate() } catch let error as TorchError {
            throw CommandFailure(message: "training: \(error.message)", exitCode: ExitStatus.usage)
        }
        return c
    }

    /// The loss to train `task` with.
    func lossFunction(for task: PredictionTask) throws -> Loss {
        guard let loss else { return task.defaultLoss }
        let regressionOnly = { (l: Loss) throws -> Loss in
            guard case .regression(1) = task else {
                throw CommandFailure(message: "training.loss '\(loss)' needs a one-horizon regression task", exitCode: ExitStatus.usage)
            }
            return l
        }
        switch loss.lowercased() {
        case "mse": return try regressionOnly(.mse)
        case "huber": return try regressionOnly(.huber(delta: 1))
        case "directional": return try regressionOnly(.directional(sharpness: 10))
        case "negative-sharpe": return try regressionOnly(.negativeSharpe(sharpness: 10))
        case "max-drawdown": return try regressionOnly(.maxDrawdown(sharpness: 10))
        case "cvar": return try regressionOnly(.cvar(alpha: 0.05, sharpness: 10))
        case "sharpe+mse": return try regressionOnly(.weighted([.init(1, .negativeSharpe(sharpness: 10)), .init(0.5, .mse)]))
        case "cross-entropy", "pinball": return task.defaultLoss
        default:
            throw CommandFailure(message: "training.loss '\(loss)': expected mse, huber, directional, negative-sharpe, max-drawdown, cvar, sharpe+mse, cross-entropy or pinball", exitCode: ExitStatus.usage)
        }
    }
}

/// How the feature matrix becomes sequence windows and targets.
struct NNDataSection: Codable, Sendable {
    /// Feature specs (comma-separated, `barbell features list`); nil: ``NNDataSection/defaultFeatures``.
    var features: String?
    /// Steps per input window.
    var lookback = 30
    /// Forward-return horizons in bars; regression predicts one output per horizon, classification
    /// and quantile tasks use the first.
    var horizons = [1]
    /// Share of the samples, at the end, held out for validation (after a purge gap).
    var validation = 0.2
    /// Feature (by spec) read as volume / volatility by the market-aware Transformer.
    var volumeFeature: String?
    var volatilityFeature: String?

    /// Scale-free features of price, range, volatility and volume.
    static let defaultFeatures = "ROCP(timeperiod=1),ROCP(timeperiod=5),ROCP(timeperiod=20),RSI(timeperiod=14),NATR(timeperiod=14),VOL_YZ,KMID,KLEN,VMA5,VSTD20"

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = NNDataSection()
        features = try c.decodeIfPresent(String.self, forKey: .features)
        lookback = try c.decodeIfPresent(Int.self, forKey: .lookback) ?? d.lookback
        horizons = try c.decodeIfPresent([Int].self, forKey: .horizons) ?? d.horizons
        validation = try c.decodeIfPresent(Double.self, forKey: .validation) ?? d.validation
        volumeFeature = try c.decodeIfPresent(String.self, forKey: .volumeFeature)
        volatilityFeature = try c.decodeIfPresent(String.self, forKey: .volatilityFeature)
    }
}

extension DecodingError {
    /// Which field, and what was wrong with it.
    var recipeDescription: String {
        func path(_ keys: [any CodingKey]) -> String { keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch self {
        case .typeMismatch(let type, let c): return "field '\(path(c.codingPath))': expected \(type) (\(c.debugDescription))"
        case .valueNotFound(let type, let c): return "field '\(path(c.codingPath))': expected \(type), found nothing"
        case .keyNotFound(let key, let c): return "missing field '\(path(c.codingPath + [key]))'"
        case .dataCorrupted(let c):
            let choices = c.codingPath.last?.stringValue == "architecture"
                ? " (expected one of \(SequenceModelConfiguration.Architecture.allCases.map(\.rawValue).joined(separator: ", ")))" : ""
            return "field '\(path(c.codingPath))': \(c.debugDescription)\(choices)"
        @unknown default: return "\(self)"
        }
    }
}

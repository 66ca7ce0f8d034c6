import BarbellData
import BarbellFeatures
import BarbellLearning
import BarbellTorch
import Foundation

/// One training run from market data to a fitted zoo model: features, windows, model, trainer,
/// out-of-sample metrics, and the artefacts that let the model be reloaded and served.
struct NNTrainingRun {
    let recipe: NNRecipe
    let windows: NNWindows
    let model: any BarbellTorch.Predictor
    let trainer: Trainer

    /// Computes the recipe's features on `series`, cuts the windows and builds the model (the
    /// recipe's `model.features` and market columns are filled in from the feature set).
    init(series: BarSeries, recipe input: NNRecipe, source: String) throws {
        var recipe = input
        let specs = recipe.data.features ?? NNDataSection.defaultFeatures
        // The feature engine through the learning pipeline's source, so training here and there
        // compute features (and the VWAP fallback) the same way.
        let features: FeatureSetSource
        do { features = try FeatureSetSource(try FeatureSet(name: "nn", list: specs)) } catch {
            throw CommandFailure(message: "data.\((error as? LearningError)?.message ?? "\(error)")", exitCode: ExitStatus.usage)
        }
        let columns: [[Double]]
        do { columns = try features.columns(for: series) } catch {
            throw CommandFailure(message: "\(source): \((error as? LearningError)?.message ?? "\(error)")")
        }
        let names = features.featureNames
        recipe.model.features = names.count
        if recipe.model.architecture == .marketTransformer {
            func column(_ given: String?, _ fallbacks: [String], _ field: String) throws -> Int {
                // A feature matches by its full spec or by its name alone (VOL_YZ for VOL_YZ(window=20,...)).
                let wanted = given.map { [$0] } ?? fallbacks
                let base = { (name: String) in String(name.prefix { $0 != "(" }) }
                guard let j = wanted.lazy.compactMap({ w in names.firstIndex { $0 == w || base($0) == w } }).first else {
                    throw CommandFailure(message: "data.\(field): none of \(wanted) is among the features \(names)", exitCode: ExitStatus.usage)
                }
                return j
            }
            recipe.model.volumeFeature = try column(recipe.data.volumeFeature, ["VMA5", "VSTD20"], "volumeFeature")
            recipe.model.volatilityFeature = try column(recipe.data.volatilityFeature, ["VOL_YZ", "NATR"], "volatilityFeature")
        }
        windows = try NNWindows(series: series, names: names, columns: columns, data: recipe.data, task: recipe.model.task, source: source)
        do { try recipe.model.validate() } catch let error as TorchError {
            throw CommandFailure(message: error.message, exitCode: ExitStatus.usage)
        }
        model = try recipe.model.build(seed: recipe.training.seed)
        let steps = (windows.train.count + recipe.training.batchSize - 1) / recipe.training.batchSize
        trainer = try Trainer(model: model, loss: try recipe.training.lossFunction(for: recipe.model.task),
                              configuration: try recipe.training.configuration(stepsPerEpoch: max(1, steps / max(1, recipe.training.accumulationSteps))))
        self.recipe = recipe
    }

    /// Trains (resuming from `checkpoint` when `resume`), reporting each epoch.
    func fit(checkpoint: String?, resume: Bool, progress: (EpochRecord) -> Void) throws -> NNTrainingReport {
        if resume, let checkpoint { try trainer.restoreCheckpoint(from: checkpoint) }
        let clock = ContinuousClock.now
        let history: TrainingHistory
        do {
            history = try trainer.fit(windows.train, validation: windows.validation, checkpointDirectory: checkpoint, progress: progress)
        } catch let error as TrainingError {
            throw CommandFailure(message: "training stopped: \(error)" + (checkpoint.map { "; the last good checkpoint is in \($0)" } ?? ""))
        }
        let elapsed = clock.duration(to: .now).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return NNTrainingReport(run: self, history: history, metrics: try NNValidationMetrics(model: model, windows: windows, task: recipe.model.task), seconds: seconds)
    }

    /// Writes `model.pt` (a PyTorch-loadable state dict), `recipe.json` (the resolved recipe),
    /// `preprocessing.json` (feature names, standardisation, target scale, class bounds) and
    /// `history.json` into `directory`, replaced whole or not at all.
    func save(to directory: String, report: NNTrainingReport) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try? fm.removeItem(at: partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: true)
        try model.save(to: partial.appendingPathComponent("model.pt").path)
        try Data(jsonText(recipe).utf8).write(to: partial.appendingPathComponent("recipe.json"))
        let preprocessing = NNPreprocessing(features: windows.featureNames, lookback: windows.lookback, horizons: recipe.data.horizons,
                                            means: windows.means, deviations: windows.deviations, targetScale: windows.targetScale,
                                            classBounds: windows.classBounds)
        try Data(jsonText(preprocessing).utf8).write(to: partial.appendingPathComponent("preprocessing.json"))
        try Data(jsonText(report.history).utf8).write(to: partial.appendingPathComponent("history.json"))
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        try fm.moveItem(at: partial, to: target)
    }
}

/// What inference needs to turn bars into the model's inputs exactly as in training.
struct NNPreprocessing: Codable {
    var features: [String]
    var lookback: Int
    var horizons: [Int]
    var means: [Double]
    var deviations: [Double]
    var targetScale: [Double]
    var classBounds: [Double]
}

/// The machine-readable account of a run (`--json`).
struct NNTrainingReport: Encodable {
    var architecture: String
    var task: PredictionTask
    var parameters: Int
    var features: [String]
    var lookback: Int
    var horizons: [Int]
    var trainSamples: Int
    var validationSamples: Int
    var trainSpan: [String]
    var validationSpan: [String]?
    var history: TrainingHistory
    var validation: NNValidationMetrics
    var seconds: Double

    init(run: NNTrainingRun, history: TrainingHistory, metrics: NNValidationMetrics, seconds: Double) {
        architecture = run.recipe.model.architecture.rawValue
        task = run.recipe.model.task
        parameters = run.model.parameterCount
        features = run.windows.featureNames
        lookback = run.windows.lookback
        horizons = run.recipe.data.horizons
        trainSamples = run.windows.train.count
        validationSamples = run.windows.validation?.count ?? 0
        trainSpan = [run.windows.trainSpan.0.display, run.windows.trainSpan.1.display]
        validationSpan = run.windows.validationSpan.map { [$0.0.display, $0.1.display] }
        self.history = history
        validation = metrics
        self.seconds = seconds
    }
}

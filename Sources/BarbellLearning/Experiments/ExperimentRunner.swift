import BarbellData
import BarbellFeatures
import Foundation

/// Runs a walk-forward experiment: builds the dataset (features + labels, no look-ahead), lays
/// out the folds on the shared calendar (purged, every split checked by ``LeakageGuard``), fits the
/// model on each fold's training rows, predicts its test rows and scores them out of sample.
public struct ExperimentRunner: Sendable {
    public let configuration: ExperimentConfiguration
    public let registry: ModelRegistry
    /// The configuration file's folder, for relative data and feature-set paths.
    public let base: String?

    public init(_ configuration: ExperimentConfiguration, registry: ModelRegistry = .standard, base: String? = nil) {
        self.configuration = configuration
        self.registry = registry
        self.base = base
    }

    /// Progress: the fold just finished (1-based) out of the total.
    public typealias Progress = @Sendable (_ finished: Int, _ total: Int, _ fold: FoldResult) -> Void

    /// Loads the configured data and runs.
    public func run(shuffledLabels: Bool = false, progress: Progress? = nil) throws -> ExperimentResult {
        try run(panel: configuration.data.loadPanel(relativeTo: base), shuffledLabels: shuffledLabels, progress: progress)
    }

    /// Runs on `panel`.
    /// - Parameter shuffledLabels: the chance control: every fold's training (and validation)
    ///   labels are permuted among themselves with the seed before fitting, while the test rows
    ///   are scored against their true labels, so any skill the run reports is an artefact.
    public func run(panel: [BarSeries], shuffledLabels: Bool = false, progress: Progress? = nil) throws -> ExperimentResult {
        var experiment = try prepare(panel: panel, shuffledLabels: shuffledLabels)
        while let fold = try experiment.runNextFold() {
            progress?(experiment.finished.count, experiment.folds.count, fold)
        }
        return try experiment.result()
    }

    /// Builds the dataset and folds without fitting anything, for callers that run the folds one
    /// by one (a tuning trial reports each fold's score and may stop early).
    public func prepare(panel: [BarSeries], shuffledLabels: Bool = false) throws -> PreparedExperiment {
        let featureSet = try configuration.features.featureSet(name: configuration.name, relativeTo: base)
        let featureSetHash: String
        do { featureSetHash = try featureSet.contentHash() } catch { throw LearningError(.invalidArgument, "features: \(error.message)") }
        let label = try configuration.label.definition()
        let learner = try registry.learner(configuration.model)
        let dataset = try DatasetBuilder(featureSet: featureSet, label: label).build(panel: panel)
        let folds = try configuration.validation.folds(for: dataset)
        return try PreparedExperiment(configuration: configuration, label: label, featureSet: featureSet, featureSetHash: featureSetHash,
                                  dataHash: PanelHash.sha256(panel), learner: learner, dataset: dataset, folds: folds,
                                  shuffledLabels: shuffledLabels)
    }
}

/// An experiment whose dataset and folds are built, run one fold at a time.
public struct PreparedExperiment: Sendable {
    public let configuration: ExperimentConfiguration
    public let label: LabelDefinition
    public let featureSet: FeatureSet
    public let featureSetHash: String
    public let dataHash: String
    public let learner: any Learner
    public let dataset: SupervisedDataset
    public let folds: [ExperimentFold]
    public let shuffledLabels: Bool
    /// The folds run so far.
    public private(set) var finished: [FoldResult] = []
    private var predictions: [OutOfSamplePrediction] = []
    private var final: (model: any TrainedModel, fold: ExperimentFold)?
    /// Per-row fitting weights (`label.weights`), or nil.
    private let sampleWeights: [Double]?
    /// Each fold's classes, for classifiers (the aggregate needs them all equal).
    private var classValues: [[Double]] = []
    private let started = ContinuousClock.now

    init(configuration: ExperimentConfiguration, label: LabelDefinition, featureSet: FeatureSet, featureSetHash: String,
         dataHash: String, learner: any Learner, dataset: SupervisedDataset, folds: [ExperimentFold], shuffledLabels: Bool) throws {
        sampleWeights = configuration.label.weights == "uniqueness" ? try dataset.uniquenessWeights() : nil
        self.configuration = configuration
        self.label = label
        self.featureSet = featureSet
        self.featureSetHash = featureSetHash
        self.dataHash = dataHash
        self.learner = learner
        self.dataset = dataset
        self.folds = folds
        self.shuffledLabels = shuffledLabels
    }

    /// Fits and scores the next fold; `nil` when every fold has run.
    public mutating func runNextFold() throws -> FoldResult? {
        guard finished.count < folds.count else { return nil }
        let fold = folds[finished.count]
        let start = ContinuousClock.now
        let seed = configuration.seed &+ UInt64(fold.index)
        let training = shuffledLabels ? dataset.shufflingLabels(of: fold.train + fold.validation, seed: seed) : dataset
        let model = try learner.fit(FitRequest(dataset: training, train: fold.train, validation: fold.validation, seed: seed,
                                               sampleWeights: sampleWeights))
        let scores = try model.predict(dataset.inputs, rows: fold.test)
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw LearningError(.nonFinite, "fold \(fold.index): the model predicted \(scores[bad]) for row \(fold.test[bad])")
        }
        var probabilities: (classes: [Double], values: [Double])?
        if let classifier = model as? any ClassProbabilityModel, let classes = classifier.classValues {
            probabilities = (classes, try classifier.probabilities(dataset.inputs, rows: fold.test))
            classValues.append(classes)
        }
        let metrics = try ExperimentMetrics.compute(dataset: dataset, rows: fold.test, scores: scores, probabilities: probabilities)
        let result = FoldResult(
            fold: fold.index, trainRows: fold.train.count, validationRows: fold.validation.count, testRows: fold.test.count,
            testStart: dataset.calendar[fold.testBars.lowerBound], testEnd: dataset.calendar[fold.testBars.upperBound - 1],
            metrics: metrics, seconds: (ContinuousClock.now - start).seconds)
        finished.append(result)
        let k = probabilities?.classes.count ?? 0
        for (r, (row, score)) in zip(fold.test, scores).enumerated() {
            predictions.append(OutOfSamplePrediction(
                row: row, symbol: dataset.symbols[dataset.symbolIndex[row]], timestamp: dataset.calendar[dataset.time[row]],
                fold: fold.index, score: score, label: dataset.labels[row],
                probabilities: probabilities.map { Array($0.values[(r * k)..<((r + 1) * k)]) }))
        }
        final = (model, fold)
        return result
    }

    /// The result over the folds run so far (all of them after ``runNextFold()`` returned nil).
    public func result() throws -> ExperimentResult {
        guard let last = final else { throw LearningError(.insufficientData, "experiment \(configuration.name): no fold has run") }
        // Classification scores over all folds when every fold's model had the same classes.
        let allProbabilities: (classes: [Double], values: [Double])? =
            classValues.count == finished.count && Set(classValues).count == 1
            ? (classValues[0], predictions.flatMap { $0.probabilities ?? [] }) : nil
        var aggregate = try ExperimentMetrics.compute(dataset: dataset, rows: predictions.map(\.row), scores: predictions.map(\.score),
                                                      probabilities: allProbabilities)
        if aggregate.icir == nil, finished.count >= 2 {
            // Time-series ICs: the ICIR is the mean over the standard deviation of the fold ICs.
            aggregate.icir = try ICSummary(ics: finished.map(\.metrics.ic)).icir
            aggregate.rankICIR = try ICSummary(ics: finished.map(\.metrics.rankIC)).icir
        }
        let trainRows = last.fold.train + last.fold.validation
        let times = trainRows.map { dataset.time[$0] }
        return ExperimentResult(
            configuration: configuration, label: label, featureSet: featureSet, featureNames: dataset.featureNames, dataHash: dataHash,
            featureSetHash: featureSetHash, configurationHash: configuration.contentHash, folds: finished,
            aggregate: aggregate, predictions: predictions, shuffledLabels: shuffledLabels,
            seconds: (ContinuousClock.now - started).seconds, finalModel: last.model,
            finalTrainingStart: dataset.calendar[times.min()!], finalTrainingEnd: dataset.calendar[times.max()!],
            finalTrainingRows: trainRows.count)
    }
}

extension SupervisedDataset {
    /// A copy whose labels at `rows` are permuted among those rows (seeded Fisher–Yates).
    func shufflingLabels(of rows: [Int], seed: UInt64) -> SupervisedDataset {
        var generator = SplitMix64(seed: seed ^ 0x5348_5546_464C_4544)
        var values = rows.map { labels[$0] }
        if values.count > 1 {
            for i in stride(from: values.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                values.swapAt(i, j)
            }
        }
        var shuffled = labels
        for (row, value) in zip(rows, values) { shuffled[row] = value }
        return SupervisedDataset(featureNames: featureNames, symbols: symbols, calendar: calendar, symbolIndex: symbolIndex,
                                 time: time, features: features, labels: shuffled, spans: spans, skippedWarmUp: skippedWarmUp)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

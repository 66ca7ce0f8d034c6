import BarbellData
import BarbellFeatures

/// What one fold of an experiment produced.
public struct FoldResult: Sendable, Equatable, Codable {
    public var fold: Int
    public var trainRows: Int
    public var validationRows: Int
    public var testRows: Int
    /// First and last calendar timestamps of the test block.
    public var testStart: Timestamp
    public var testEnd: Timestamp
    public var metrics: ExperimentMetrics
    public var seconds: Double
}

/// One out-of-sample prediction: the row, where and when it is, its score and the realised label.
public struct OutOfSamplePrediction: Sendable, Equatable, Codable {
    public var row: Int
    public var symbol: String
    public var timestamp: Timestamp
    public var fold: Int
    public var score: Double
    public var label: Double
    /// A classifier's class probabilities (in its ``ClassProbabilityModel/classValues`` order).
    public var probabilities: [Double]?
}

/// A finished walk-forward experiment: per-fold and aggregate out-of-sample metrics, every
/// out-of-sample prediction, the hashes that tie it to its inputs, and the last fold's model (the
/// one an artifact saves: trained on the most recent data).
public struct ExperimentResult: Sendable {
    public let configuration: ExperimentConfiguration
    public let label: LabelDefinition
    /// The feature set and its column names, in model-input order.
    public let featureSet: FeatureSet
    public let featureNames: [String]
    /// SHA-256 of the bars (``PanelHash``), of the feature set's specs, and of the configuration.
    public let dataHash: String
    public let featureSetHash: String
    public let configurationHash: String
    public let folds: [FoldResult]
    public let aggregate: ExperimentMetrics
    public let predictions: [OutOfSamplePrediction]
    /// Whether the models were trained on shuffled labels (the chance control).
    public let shuffledLabels: Bool
    public let seconds: Double
    /// The model of the last fold, and the calendar span of its training rows.
    public let finalModel: any TrainedModel
    public let finalTrainingStart: Timestamp
    public let finalTrainingEnd: Timestamp
    public let finalTrainingRows: Int
}

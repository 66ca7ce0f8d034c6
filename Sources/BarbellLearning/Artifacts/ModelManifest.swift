import BarbellData
import BarbellFeatures

/// Everything a saved model needs to predict live exactly as it did in research, and everything
/// needed to audit where it came from. Stored in a ``ModelArtifact`` next to the weights.
public struct ModelManifest: Sendable, Equatable, Codable {
    /// The experiment (or caller) that produced the model.
    public var name: String
    /// When it was saved, ISO-8601 UTC.
    public var created: String
    /// The Barbell version that trained it.
    public var codeVersion: String
    /// The seed of the fit.
    public var seed: UInt64
    /// The feature set (specs), its SHA-256 and the column names in model-input order.
    public var featureSet: FeatureSet
    public var featureSetHash: String
    public var featureNames: [String]
    /// What the model learned to predict.
    public var label: LabelDefinition
    /// The model family, type and hyperparameters.
    public var model: ModelConfiguration
    /// Rows of one symbol each prediction reads.
    public var window: Int
    /// The training window: first and last calendar timestamps and the number of rows.
    public var trainingStart: Timestamp
    public var trainingEnd: Timestamp
    public var trainingRows: Int
    /// The symbols of the training panel.
    public var symbols: [String]
    /// SHA-256 of the training data (``PanelHash``).
    public var dataHash: String
    /// The experiment's out-of-sample metrics (all folds), when it came from one.
    public var metrics: ExperimentMetrics?
    /// The experiment run that produced it, when recorded.
    public var runID: String?
    /// SHA-256 of each weights file, by name.
    public var weightHashes: [String: String]

    public init(name: String, created: String, codeVersion: String, seed: UInt64, featureSet: FeatureSet,
                featureSetHash: String, featureNames: [String], label: LabelDefinition, model: ModelConfiguration,
                window: Int, trainingStart: Timestamp, trainingEnd: Timestamp, trainingRows: Int, symbols: [String],
                dataHash: String, metrics: ExperimentMetrics?, runID: String?, weightHashes: [String: String]) {
        self.name = name
        self.created = created
        self.codeVersion = codeVersion
        self.seed = seed
        self.featureSet = featureSet
        self.featureSetHash = featureSetHash
        self.featureNames = featureNames
        self.label = label
        self.model = model
        self.window = window
        self.trainingStart = trainingStart
        self.trainingEnd = trainingEnd
        self.trainingRows = trainingRows
        self.symbols = symbols
        self.dataHash = dataHash
        self.metrics = metrics
        self.runID = runID
        self.weightHashes = weightHashes
    }
}

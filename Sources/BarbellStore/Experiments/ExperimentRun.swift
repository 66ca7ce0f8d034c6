import Foundation

/// One recorded run of `barbell experiment run`: what was run, on which data and code, and how
/// it scored. Plain fields so every store keeps it the same way.
public struct ExperimentRun: Sendable, Equatable, Codable {
    /// A UUID string; ``ExperimentStore/run(id:)`` accepts a unique prefix of it.
    public var id: String
    /// The experiment's name (from its configuration).
    public var name: String
    public var created: Date
    public var durationSeconds: Double
    /// Free text such as `completed` or `failed`.
    public var status: String
    /// The configuration file's text, as run.
    public var configYAML: String
    /// SHA-256 of `configYAML`, hex.
    public var configSHA256: String
    public var dataHash: String
    public var featureSetHash: String
    /// The code version (a git commit or a release).
    public var codeVersion: String
    public var seed: UInt64
    public var modelType: String
    /// Metrics over all folds, as JSON text.
    public var metricsJSON: String
    /// Metrics of each fold, as JSON text.
    public var foldMetricsJSON: String
    public var artifactPath: String?
    public var artifactSHA256: String?

    public init(id: String = UUID().uuidString, name: String, created: Date = Date(), durationSeconds: Double,
                status: String, configYAML: String, configSHA256: String, dataHash: String, featureSetHash: String,
                codeVersion: String, seed: UInt64, modelType: String, metricsJSON: String, foldMetricsJSON: String,
                artifactPath: String? = nil, artifactSHA256: String? = nil) {
        self.id = id
        self.name = name
        self.created = created
        self.durationSeconds = durationSeconds
        self.status = status
        self.configYAML = configYAML
        self.configSHA256 = configSHA256
        self.dataHash = dataHash
        self.featureSetHash = featureSetHash
        self.codeVersion = codeVersion
        self.seed = seed
        self.modelType = modelType
        self.metricsJSON = metricsJSON
        self.foldMetricsJSON = foldMetricsJSON
        self.artifactPath = artifactPath
        self.artifactSHA256 = artifactSHA256
    }
}

/// One line of `barbell experiment list`.
public struct RunSummary: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var created: Date
    public var durationSeconds: Double
    public var status: String
    public var modelType: String
    public var metricsJSON: String

    public init(_ run: ExperimentRun) {
        id = run.id
        name = run.name
        created = run.created
        durationSeconds = run.durationSeconds
        status = run.status
        modelType = run.modelType
        metricsJSON = run.metricsJSON
    }
}

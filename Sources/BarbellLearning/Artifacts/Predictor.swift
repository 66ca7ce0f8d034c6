import BarbellData
import BarbellFeatures
import Foundation

/// A prediction for one symbol at one bar.
public struct BarPrediction: Sendable, Equatable, Codable {
    public var symbol: String
    public var timestamp: Timestamp
    public var score: Double

    public init(symbol: String, timestamp: Timestamp, score: Double) {
        self.symbol = symbol
        self.timestamp = timestamp
        self.score = score
    }
}

/// Predicts from raw bars. Implementations compute features with the same feature code the model
/// was trained with, so a live prediction equals the research prediction for the same bars.
public protocol Predictor: Sendable {
    /// The model's description.
    var manifest: ModelManifest { get }
    /// A score for every bar of every symbol whose features are defined and which has the model's
    /// window of history, ordered by time then symbol.
    func predict(panel: [BarSeries]) throws -> [BarPrediction]
}

extension Predictor {
    /// The score at each symbol's last bar (what a live loop asks for after each new bar).
    public func predictLatest(panel: [BarSeries]) throws -> [BarPrediction] {
        var latest: [String: BarPrediction] = [:]
        for p in try predict(panel: panel) { latest[p.symbol] = p }
        return panel.compactMap { series in
            latest[series.symbol.name].flatMap { $0.timestamp == series.timestamps.last ? $0 : nil }
        }
    }
}

/// A ``Predictor`` loaded from a ``ModelArtifact``.
public struct ArtifactPredictor: Predictor {
    public let manifest: ModelManifest
    let model: any TrainedModel
    let builder: DatasetBuilder

    /// Restores the model from `artifact` through `registry`.
    /// - Throws: ``LearningError`` when the feature set no longer resolves to the recorded columns
    ///   or the weights do not restore.
    public init(artifact: ModelArtifact, registry: ModelRegistry = .standard) throws {
        manifest = artifact.manifest
        builder = try DatasetBuilder(featureSet: artifact.manifest.featureSet, label: artifact.manifest.label)
        guard builder.features.featureNames == manifest.featureNames else {
            throw LearningError(.shapeMismatch, "artifact \(manifest.name): its feature set now gives columns \(builder.features.featureNames.prefix(5))…, not the recorded \(manifest.featureNames.prefix(5))…")
        }
        let hash: String
        do { hash = try manifest.featureSet.contentHash() } catch { throw LearningError(.invalidArgument, "artifact \(manifest.name): \(error.message)") }
        guard hash == manifest.featureSetHash else {
            throw LearningError(.invalidArgument, "artifact \(manifest.name): feature-set hash \(hash) differs from the recorded \(manifest.featureSetHash)")
        }
        model = try registry.restore(manifest.model, weights: artifact.weights)
    }

    /// Reads, verifies and restores the artifact at `path`.
    public init(path: String, registry: ModelRegistry = .standard) throws {
        try self.init(artifact: ModelArtifact.read(from: path), registry: registry)
    }

    public func predict(panel: [BarSeries]) throws -> [BarPrediction] {
        let inputs = try builder.featureMatrix(panel: panel)
        let windows = inputs.windows(Array(0..<inputs.count), length: model.window)
        let rows = windows.indices.filter { windows[$0] != nil }
        guard !rows.isEmpty else {
            throw LearningError(.insufficientData, "artifact \(manifest.name): no bar has \(model.window) bars of defined features behind it")
        }
        let scores = try model.predict(inputs, rows: rows)
        return zip(rows, scores).map { row, score in
            BarPrediction(symbol: inputs.symbols[inputs.symbolIndex[row]], timestamp: inputs.calendar[inputs.time[row]], score: score)
        }
    }
}

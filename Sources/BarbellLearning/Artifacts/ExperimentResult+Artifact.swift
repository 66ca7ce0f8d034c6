import Foundation

extension ExperimentResult {
    /// The final fold's model as a self-describing artifact.
    public func artifact(codeVersion: String, runID: String? = nil, symbols: [String]) throws -> ModelArtifact {
        let weights = try finalModel.weights()
        let formatter = ISO8601DateFormatter()
        let manifest = ModelManifest(
            name: configuration.name, created: formatter.string(from: Date()), codeVersion: codeVersion,
            seed: configuration.seed &+ UInt64(folds.count - 1), featureSet: featureSet, featureSetHash: featureSetHash,
            featureNames: featureNames, label: label, model: configuration.model, window: finalModel.window,
            trainingStart: finalTrainingStart, trainingEnd: finalTrainingEnd, trainingRows: finalTrainingRows,
            symbols: symbols, dataHash: dataHash, metrics: aggregate, runID: runID,
            weightHashes: weights.files.mapValues(ModelArtifact.sha256))
        return ModelArtifact(manifest: manifest, weights: weights)
    }
}

import BarbellLearning
import BarbellStore
import Foundation

/// Records experiment runs in the store (SQLite file or PostgreSQL), one transaction per run.
struct ExperimentRecorder {
    let location: String

    /// Records `result` and returns the run's id.
    func record(_ result: ExperimentResult, configText: String, artifact: String?, artifactHash: String?) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let name = result.shuffledLabels ? result.configuration.name + " (shuffled-label control)" : result.configuration.name
        let run = ExperimentRun(
            name: name, durationSeconds: result.seconds, status: result.shuffledLabels ? "control" : "complete",
            configYAML: configText, configSHA256: result.configurationHash, dataHash: result.dataHash,
            featureSetHash: result.featureSetHash, codeVersion: CodeVersion.current, seed: result.configuration.seed,
            modelType: result.configuration.model.type,
            metricsJSON: String(decoding: try encoder.encode(result.aggregate), as: UTF8.self),
            foldMetricsJSON: String(decoding: try encoder.encode(result.folds), as: UTF8.self),
            artifactPath: artifact.map { URL(fileURLWithPath: $0).standardizedFileURL.path }, artifactSHA256: artifactHash)
        let store = try await openExperimentStore(location)
        do {
            try await store.record(run)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        return run.id
    }
}

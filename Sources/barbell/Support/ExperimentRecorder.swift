import BarbellLearning
import BarbellStore
import Foundation

/// Records experiment runs in the store (SQLite file or PostgreSQL), one transaction per run,
/// over one connection for the whole command.
struct ExperimentRecorder {
    let store: any ExperimentStore

    /// Opens the experiment store at `location`.
    static func open(_ location: String) async throws -> ExperimentRecorder {
        ExperimentRecorder(store: try await openExperimentStore(location))
    }

    /// Runs `body` with a recorder, closing the store afterwards whether or not it throws.
    static func with<T>(_ location: String, _ body: (ExperimentRecorder) async throws -> T) async throws -> T {
        let recorder = try await open(location)
        do {
            let result = try await body(recorder)
            try await recorder.store.close()
            return result
        } catch {
            try? await recorder.store.close()
            throw error
        }
    }

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
        try await store.record(run)
        return run.id
    }
}

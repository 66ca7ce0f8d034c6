import BarbellData
import BarbellLearning
import BarbellStore
import Foundation

/// Step 10 of `barbell demo`: a small walk-forward experiment on the bundled 20-stock panel —
/// gradient-boosted trees against a ridge baseline and the shuffled-label control — recorded in
/// the store, with the final model saved as an artifact and replayed from raw bars.
enum DemoExperiment {
    static func summary(stocks: [LoadedSeries], store: String) async throws -> String {
        let features = ["ROC5", "ROC20", "ROC60", "STD5", "STD20", "MA5", "MA20", "MA60", "RSV20", "RANK20", "CNTD20", "SUMD20", "BETA20", "RSQR20"]
        let xgboost = ModelConfiguration(type: "xgboost", parameters: [
            "rounds": .int(150), "eta": .double(0.05), "maxDepth": .int(4), "subsample": .double(0.8),
            "minChildWeight": .int(50), "earlyStopping": .int(20), "threads": .int(2)])
        let base = ExperimentConfiguration(
            name: "demo-equities", seed: 7, data: .init(files: []), features: .specs(features),
            label: .init(), validation: {
                var v = ExperimentConfiguration.ValidationSection()
                v.testBars = 250
                v.firstTest = 0.5
                return v
            }(),
            model: xgboost,
            models: [
                .init(name: "xgboost", model: xgboost),
                .init(name: "ridge", model: ModelConfiguration(type: "ridge", parameters: ["alpha": .int(100)])),
            ])
        // The last eight years keep the step to seconds in a release build.
        let panel = stocks.map(\.series).map { s in s.count > 2_016 ? s.slice(from: s.timestamps[s.count - 2_016]) : s }
        var rows: [(String, ExperimentResult)] = []
        let recorded: [String] = try await ExperimentRecorder.with(store) { recorder in
            var ids: [String] = []
            for variant in base.variants {
                let result = try ExperimentRunner(variant).run(panel: panel)
                rows.append((variant.model.type, result))
                ids.append(try await recorder.record(result, configText: variant.canonicalJSON(), artifact: nil, artifactHash: nil))
            }
            return ids
        }
        let boosted = rows[0].1
        let control = try ExperimentRunner(base.variants[0]).run(panel: panel, shuffledLabels: true)
        rows.append(("shuffled-label control", control))

        var text = "10. Walk-forward experiment: \(panel.count) stocks, \(features.count) Alpha158 close features → next-day log return, "
        text += "\(boosted.folds.count) yearly folds (expanding window, last 20% of each training window for early stopping, purged)\n"
        text += ExperimentRunCommand.summaryTable(rows).render() + "\n"
        text += "IC and rank IC are daily cross-sectional correlations averaged over the test days; every number is out of sample.\n"

        // Save the final model, reload it from the file, and predict from raw bars again.
        // Next to the SQLite store; with a PostgreSQL store, next to the default SQLite location.
        let file = store.contains("://") ? defaultStorePath : store
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("models")
        let path = folder.appendingPathComponent("demo-equities-xgboost.\(ModelArtifact.fileExtension)").path
        let artifact = try boosted.artifact(codeVersion: CodeVersion.current, runID: recorded[0], symbols: panel.map(\.symbol.name))
        try artifact.write(to: path)
        let predictor = try ArtifactPredictor(path: path)
        let live = try predictor.predict(panel: panel)
        let byKey = Dictionary(uniqueKeysWithValues: live.map { ("\($0.symbol)|\($0.timestamp.nanoseconds)", $0.score) })
        let lastFold = boosted.predictions.filter { $0.fold == boosted.folds.count - 1 }
        let identical = lastFold.filter { byKey["\($0.symbol)|\($0.timestamp.nanoseconds)"] == $0.score }.count
        text += "saved \(path) (sha256 \(try artifact.fileHash().prefix(16))…, checked on load); replaying the raw bars through it "
        text += "reproduces \(identical) of the last fold's \(lastFold.count) out-of-sample predictions bit for bit\n"
        let latest = try predictor.predictLatest(panel: panel).sorted { $0.score > $1.score }
        if let top = latest.first, let bottom = latest.last {
            text += "latest bar (\(top.timestamp.display)): highest score \(top.symbol) \(String(format: "%+.5f", top.score)), "
            text += "lowest \(bottom.symbol) \(String(format: "%+.5f", bottom.score)) — a ranking signal with the out-of-sample skill above, not a promise of returns\n"
        }
        text += "runs recorded in the store: `barbell experiment list`, `barbell experiment show \(recorded[0].prefix(8))`"
        return text
    }
}

import BarbellData
import BarbellLearning
import BarbellStore
import Foundation

/// What step 10 of `barbell demo` hands on: its printed text and what a backtest of the
/// out-of-sample predictions needs.
struct DemoExperimentOutcome: Sendable {
    /// The step's report (table, artifact check, latest ranking), ready to print.
    var text: String
    /// The panel the experiment ran on (the last eight years of each stock).
    var panel: [BarSeries]
    /// Each model's out-of-sample predictions (every fold's test block), keyed by the names in
    /// ``modelNames`` and ordered by time, then symbol.
    var predictions: [String: [BarPrediction]]
    /// The models in table order, the shuffled-label control last.
    var modelNames: [String]
    /// How many model configurations were tried (the compared models, not the control), for the
    /// deflated Sharpe ratio's count of trials.
    var trials: Int
    /// The saved ensemble artifact.
    var artifact: String
}

/// Step 10 of `barbell demo`: a small walk-forward experiment on the bundled 20-stock panel —
/// XGBoost, a ridge baseline, an LSTM and their IC-weighted ensemble against the shuffled-label
/// control — recorded in the store, with the final ensemble saved as an artifact and replayed
/// from raw bars.
enum DemoExperiment {
    /// The step's text only (what the demo printed before the backtest step used the predictions).
    static func summary(stocks: [LoadedSeries], store: String) async throws -> String {
        try await run(stocks: stocks, store: store).text
    }

    /// Runs the comparison on `stocks`, records every run in `store`, saves and replays the
    /// ensemble's final model, and returns the report with every model's out-of-sample predictions.
    static func run(stocks: [LoadedSeries], store: String) async throws -> DemoExperimentOutcome {
        let base = configuration
        // The last eight years keep the step within its time budget in a release build.
        let panel = stocks.map(\.series).map { s in s.count > 2_016 ? s.slice(from: s.timestamps[s.count - 2_016]) : s }
        var rows: [(String, ExperimentResult)] = []
        let recorded: [String] = try await ExperimentRecorder.with(store) { recorder in
            var ids: [String] = []
            for (entry, variant) in zip(models, base.variants) {
                let result = try ExperimentRunner(variant).run(panel: panel)
                rows.append((entry.name, result))
                ids.append(try await recorder.record(result, configText: variant.canonicalJSON(), artifact: nil, artifactHash: nil))
            }
            return ids
        }
        let control = try ExperimentRunner(base.variants[0]).run(panel: panel, shuffledLabels: true)
        rows.append((controlName, control))
        let folds = rows[0].1.folds.count

        var text = "10. Walk-forward experiment: \(panel.count) stocks, \(features.count) Alpha158 close features → next-day log return, "
        text += "\(folds) yearly folds (expanding window, last 20% of each training window for early stopping and ensemble weights, purged)\n"
        text += ExperimentRunCommand.summaryTable(rows).render() + "\n"
        text += "xgboost: 150 rounds, eta 0.05, depth 4, early stopping 20; ridge: α 100; lstm: hidden 16, 20-bar windows, 3 epochs; "
        text += "ensemble: ridge + xgboost + lstm weighted by their ICs on the holdout"
        let ensembleIndex = models.firstIndex { $0.model.type == "ensemble" } ?? rows.count - 2
        let ensembleResult = rows[ensembleIndex].1
        if let final = ensembleResult.finalModel as? TrainedEnsemble, let weights = final.state.weights {
            text += " (last fold: " + zip(ensembleMembers.map(\.name), weights).map { "\($0) \(String(format: "%.2f", $1))" }.joined(separator: ", ") + ")"
        }
        text += "\nIC and rank IC are daily cross-sectional correlations averaged over the test days; every number is out of sample.\n"

        // Save the final ensemble, reload it from the file, and predict from raw bars again.
        // Next to the SQLite store; with a PostgreSQL store, next to the default SQLite location.
        let file = store.contains("://") ? defaultStorePath : store
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("models")
        let path = folder.appendingPathComponent("demo-equities-ensemble.\(ModelArtifact.fileExtension)").path
        let artifact = try ensembleResult.artifact(codeVersion: CodeVersion.current, runID: recorded[ensembleIndex], symbols: panel.map(\.symbol.name))
        try artifact.write(to: path)
        let predictor = try ArtifactPredictor(path: path)
        let live = try predictor.predict(panel: panel)
        let byKey = Dictionary(uniqueKeysWithValues: live.map { ("\($0.symbol)|\($0.timestamp.nanoseconds)", $0.score) })
        let lastFold = ensembleResult.predictions.filter { $0.fold == folds - 1 }
        let identical = lastFold.filter { byKey["\($0.symbol)|\($0.timestamp.nanoseconds)"] == $0.score }.count
        text += "saved \(path) (sha256 \(try artifact.fileHash().prefix(16))…, checked on load); replaying the raw bars through it "
        text += "reproduces \(identical) of the last fold's \(lastFold.count) out-of-sample ensemble predictions bit for bit\n"
        let latest = try predictor.predictLatest(panel: panel).sorted { $0.score > $1.score }
        if let top = latest.first, let bottom = latest.last {
            text += "latest bar (\(top.timestamp.display)): highest score \(top.symbol) \(String(format: "%+.3f", top.score)), "
            text += "lowest \(bottom.symbol) \(String(format: "%+.3f", bottom.score)) — a ranking signal with the out-of-sample skill above, not a promise of returns\n"
        }
        text += "runs recorded in the store: `barbell experiment list`, `barbell experiment show \(recorded[ensembleIndex].prefix(8))`"

        var predictions: [String: [BarPrediction]] = [:]
        for (name, result) in rows {
            predictions[name] = result.predictions
                .sorted { ($0.timestamp, $0.symbol) < ($1.timestamp, $1.symbol) }
                .map { BarPrediction(symbol: $0.symbol, timestamp: $0.timestamp, score: $0.score) }
        }
        return DemoExperimentOutcome(text: text, panel: panel, predictions: predictions, modelNames: rows.map(\.0), trials: models.count, artifact: path)
    }
}

import ArgumentParser
import BarbellData
import BarbellLearning
import Foundation

/// `barbell model predict MODEL.bbm FILE... [--all] [--json]`.
struct ModelPredict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Verify an artifact and score raw bars with it: the latest bar of each symbol, or every bar.",
        discussion: "Features are computed from the bars by the feature code the model was trained with, so a score here equals the experiment's out-of-sample score for the same bar."
    )

    @Argument(help: "Model artifact (.bbm).")
    var model: String

    @Argument(help: "Bar files (CSV or candle JSON); the model's symbols are taken from them.")
    var files: [String]

    @Flag(help: "Score every bar, not only each symbol's latest.")
    var all = false

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let predictor = try ArtifactPredictor(path: model)
        let panel = try ModelInputs.panel(files, symbols: predictor.manifest.symbols)
        let scores = all ? try predictor.predict(panel: panel) : try predictor.predictLatest(panel: panel)
        if json { try printJSON(scores); return }
        let m = predictor.manifest
        print("\(m.name): \(m.model.type), \(m.featureNames.count) features, trained on \(m.trainingRows) rows \(m.trainingStart.display) … \(m.trainingEnd.display), code \(m.codeVersion)")
        var table = TextTable(["symbol", "bar", "score"], rightAligned: [2])
        for p in scores { table.add([p.symbol, p.timestamp.display, String(format: "%+.6f", p.score)]) }
        print(table.render())
        print("scores rank symbols by the model's out-of-sample skill (\(m.metrics.map { String(format: "rank IC %.4f", $0.rankIC) } ?? "not recorded")); they are not promises of returns")
    }
}

/// Loading the bars a saved model is applied to, the way an experiment loads its data.
enum ModelInputs {
    /// Every series in `files`, restricted to `symbols` (in that order) when the files hold them all.
    static func panel(_ files: [String], symbols: [String]) throws -> [BarSeries] {
        guard !files.isEmpty else { throw ValidationError("give at least one bar file") }
        let series = try ExperimentConfiguration.DataSection(files: files).loadPanel()
        let byName = Dictionary(series.map { ($0.symbol.name, $0) }, uniquingKeysWith: { a, _ in a })
        return symbols.allSatisfy { byName[$0] != nil } ? symbols.map { byName[$0]! } : series
    }
}

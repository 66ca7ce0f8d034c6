import ArgumentParser
import BarbellData
import BarbellLearning
import Foundation

/// `barbell model explain MODEL.bbm FILE... --method tree-shap|kernel-shap|permutation|attention [--svg F] [--heatmap F] [--json]`.
struct ModelExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a saved model on bars: permutation importance, Kernel SHAP, TreeSHAP or attention weights, as a table, JSON and SVG.",
        discussion: "The explained rows are the last --rows labelled rows of the bars (labels are needed for permutation importance only). Use bars after the model's training window to explain out-of-sample behaviour."
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case permutation, kernelShap = "kernel-shap", treeShap = "tree-shap", attention }

    @Argument(help: "Model artifact (.bbm).")
    var model: String

    @Argument(help: "Bar files (CSV or candle JSON).")
    var files: [String]

    @Option(help: "permutation (any model), kernel-shap (any model), tree-shap (xgboost) or attention (attention architectures).")
    var method: Method = .permutation

    @Option(help: "Rows explained: the last N labelled rows.")
    var rows: Int = 500

    @Option(help: "Seed of permutation and Kernel SHAP sampling.")
    var seed: UInt64 = 0

    @Option(help: "Write a bar chart of the global importance as SVG.")
    var svg: String?

    @Option(help: "Write a heatmap of the per-row attributions (rows × features, or rows × lags for attention) as SVG.")
    var heatmap: String?

    @Option(help: "Features shown in the table and chart.")
    var top: Int = 20

    @Flag(help: "Print the explanation as JSON.")
    var json = false

    func run() async throws {
        guard rows >= 1 else { throw ValidationError("--rows must be ≥ 1") }
        let artifact = try ModelArtifact.read(from: model)
        let manifest = artifact.manifest
        let trained = try ModelRegistry.standard.restore(manifest.model, weights: artifact.weights)
        let panel = try ModelInputs.panel(files, symbols: manifest.symbols)
        let dataset = try DatasetBuilder(featureSet: manifest.featureSet, label: manifest.label).build(panel: panel)
        guard dataset.featureNames == manifest.featureNames else {
            throw CommandFailure(message: "\(model): the feature set no longer gives the recorded columns")
        }
        let windows = dataset.inputs.windows(Array(0..<dataset.count), length: trained.window)
        let usable = windows.indices.filter { windows[$0] != nil }
        let chosen = Array(usable.suffix(rows))
        guard !chosen.isEmpty else { throw CommandFailure(message: "no row of the bars has the model's \(trained.window)-bar window") }
        let inputs = dataset.inputs
        let explanation: Explanation
        switch method {
        case .permutation:
            explanation = try ModelExplainer.permutation(trained, inputs: inputs, rows: chosen, labels: chosen.map { dataset.labels[$0] }, seed: seed)
        case .kernelShap:
            // The background: up to 100 rows before the explained ones.
            let background = Array(usable.dropLast(chosen.count).suffix(100))
            guard !background.isEmpty else { throw CommandFailure(message: "kernel-shap needs rows before the explained ones as a background; lower --rows", exitCode: ExitStatus.usage) }
            explanation = try ModelExplainer.kernelSHAP(trained, inputs: inputs, rows: chosen, background: background, seed: seed)
        case .treeShap:
            guard let boosted = trained as? TrainedBoosting else {
                throw CommandFailure(message: "tree-shap explains xgboost models; this is \(manifest.model.type) (use permutation or kernel-shap)", exitCode: ExitStatus.usage)
            }
            explanation = try ModelExplainer.treeSHAP(boosted, inputs: inputs, rows: chosen)
        case .attention:
            guard let attending = trained as? any AttentionReporting, attending.reportsAttention else {
                throw CommandFailure(message: "\(manifest.model.type) has no attention weights (transformer, market-transformer, multiscale-attention, bilstm-attention and attention-gru do)", exitCode: ExitStatus.usage)
            }
            explanation = try ModelExplainer.attention(attending, inputs: inputs, rows: chosen)
        }
        if let svg { try write(ImportanceBarChart(top: top, title: "\(manifest.name): \(method.rawValue)").render(explanation), to: svg) }
        if let heatmap {
            guard explanation.attributions != nil else { throw CommandFailure(message: "--heatmap: \(method.rawValue) gives no per-row attributions", exitCode: ExitStatus.usage) }
            try write(AttributionHeatmap(title: "\(manifest.name): \(method.rawValue) per row").render(explanation), to: heatmap)
        }
        if json { print(String(decoding: try explanation.json(), as: UTF8.self)); return }
        print("\(manifest.name) (\(manifest.model.type)): \(method.rawValue) over \(chosen.count) rows, \(dataset.calendar[dataset.time[chosen.first!]].display) … \(dataset.calendar[dataset.time[chosen.last!]].display)")
        var table = TextTable([method == .attention ? "lag" : "feature", "importance"], rightAligned: [1])
        for (name, value) in explanation.ranked(top: top) { table.add([name, String(format: "%.6g", value)]) }
        print(table.render())
    }

    func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(path): cannot write (\(error.localizedDescription))", exitCode: ExitStatus.usage)
        }
    }
}

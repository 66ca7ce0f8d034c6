import ArgumentParser
import BarbellData
import BarbellLearning
import Foundation

/// `barbell experiment run CONFIG.yaml [--out MODEL.bbm] [--control] [--store …] [--json]`.
struct ExperimentRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a walk-forward experiment: features, label, purged folds, a model per fold, out-of-sample scores.",
        discussion: """
        The configuration names data (files, symbols, from, to), features (a built-in set, a list of specs or {file}), \
        label (forward-return, direction or triple-barrier), validation (window, testBars, step, firstTest, validation share, \
        trainBars), model ({type: …, hyperparameters}) and seed. Every metric printed is out of sample: each fold's model \
        sees only earlier rows whose labels end before its test block. The run is recorded in the store with its \
        configuration, hashes of the data, features and configuration, the code version and the per-fold metrics.
        """
    )

    @Argument(help: "Experiment configuration (YAML or JSON).")
    var config: String

    @Option(help: "Save the last fold's model as a self-describing artifact (.bbm); for a comparison, a folder with one per model.")
    var out: String?

    @Flag(help: "Also run the shuffled-label control (the first model with training labels permuted; should score at chance).")
    var control = false

    @Option(help: "Write every out-of-sample prediction as CSV (model, symbol, timestamp, fold, score, label).")
    var predictions: String?

    @Flag(help: "Do not record the run in the store.")
    var noRecord = false

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        if noRecord { try await execute(recorder: nil) } else {
            try await ExperimentRecorder.with(store.location) { try await execute(recorder: $0) }
        }
    }

    func execute(recorder: ExperimentRecorder?) async throws {
        let configuration = try ExperimentConfiguration.load(path: config)
        let base = URL(fileURLWithPath: config).deletingLastPathComponent().path
        let panel = try configuration.data.loadPanel(relativeTo: base)
        let configText = try String(contentsOfFile: config, encoding: .utf8)
        let variants = configuration.variants
        let comparison = variants.count > 1
        if comparison, let out, out.hasSuffix(".\(ModelArtifact.fileExtension)") {
            throw ValidationError("--out \(out): a comparison of \(variants.count) models saves one artifact each; give a folder")
        }
        let symbols = panel.map(\.symbol.name)
        var results: [(name: String, result: ExperimentResult, runID: String?, artifact: String?)] = []
        for (k, variant) in variants.enumerated() {
            let label = comparison ? configuration.models![k].name : variant.model.type
            let bar = ProgressBar("\(variant.name) [\(k + 1)/\(variants.count)]")
            let result = try ExperimentRunner(variant, base: base).run(panel: panel) { done, total, fold in
                bar.update(done: Int64(done), total: Int64(total), detail: String(format: "fold %d  IC %.4f", fold.fold + 1, fold.metrics.ic))
            }
            bar.finish()
            var artifactPath: String?, artifactHash: String?
            if let out {
                artifactPath = comparison ? URL(fileURLWithPath: out).appendingPathComponent("\(label).\(ModelArtifact.fileExtension)").path : out
                let artifact = try result.artifact(codeVersion: CodeVersion.current, symbols: symbols)
                try artifact.write(to: artifactPath!)
                artifactHash = try artifact.fileHash()
            }
            let runID = try await recorder?.record(result, configText: configText, artifact: artifactPath, artifactHash: artifactHash)
            results.append((label, result, runID, artifactPath))
            if !json && !comparison {
                print("\(variant.name): \(variant.model.type) on \(symbols.count) symbol\(symbols.count == 1 ? "" : "s"), \(result.featureNames.count) features, \(result.folds.count) walk-forward folds")
                print(Self.foldTable(result).render())
            }
        }
        if let predictions {
            try Self.writePredictions(results.flatMap { r in r.result.predictions.map { (r.name, $0) } }, to: predictions)
        }
        var controlResult: ExperimentResult?
        if control {
            // The control repeats the first model's run with each fold's training labels shuffled.
            let controlBar = ProgressBar("shuffled-label control")
            controlResult = try ExperimentRunner(variants[0], base: base).run(panel: panel, shuffledLabels: true) { done, total, _ in
                controlBar.update(done: Int64(done), total: Int64(total))
            }
            controlBar.finish()
            if let controlResult {
                _ = try await recorder?.record(controlResult, configText: configText, artifact: nil, artifactHash: nil)
            }
        }
        if json {
            let reports = results.map { ExperimentReport($0.result, runID: $0.runID, control: controlResult, artifact: $0.artifact) }
            if comparison { try printJSON(reports) } else { try printJSON(reports[0]) }
            return
        }
        let first = results[0].result
        if comparison {
            print("\(configuration.name): \(variants.count) models on \(symbols.count) symbols, \(first.featureNames.count) features, \(first.folds.count) walk-forward folds (\(first.folds.first!.testStart.display) … \(first.folds.last!.testEnd.display))")
        }
        let controlName = "shuffled-label control (\(results[0].name))"
        print(Self.summaryTable(results.map { ($0.name, $0.result) } + (controlResult.map { [(controlName, $0)] } ?? [])).render())
        let seconds = results.reduce(0) { $0 + $1.result.seconds } + (controlResult?.seconds ?? 0)
        let ids = results.compactMap(\.runID).map { String($0.prefix(8)) }
        print(String(format: "%.1f s", seconds) + (ids.isEmpty ? "" : "; recorded as run\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", "))")
              + (out.map { "; model\(comparison ? "s" : "") saved to \($0)" } ?? ""))
    }

    static func foldTable(_ r: ExperimentResult) -> TextTable {
        var table = TextTable(["fold", "test from", "test to", "train rows", "test rows", "IC", "rank IC", "hit rate", "s"],
                              rightAligned: [0, 3, 4, 5, 6, 7, 8])
        for f in r.folds {
            table.add([String(f.fold + 1), f.testStart.display, f.testEnd.display, String(f.trainRows), String(f.testRows),
                       String(format: "%.4f", f.metrics.ic), String(format: "%.4f", f.metrics.rankIC),
                       String(format: "%.3f", f.metrics.hitRate), String(format: "%.2f", f.seconds)])
        }
        return table
    }

    static func summaryTable(_ rows: [(String, ExperimentResult)]) -> TextTable {
        var table = TextTable(["out of sample", "IC", "ICIR", "rank IC", "rank ICIR", "hit rate", "folds", "observations"],
                              rightAligned: [1, 2, 3, 4, 5, 6, 7])
        func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
        for (name, r) in rows {
            let m = r.aggregate
            table.add([name, f(m.ic), f(m.icir), f(m.rankIC), f(m.rankICIR), String(format: "%.3f", m.hitRate),
                       String(r.folds.count), String(m.observations)])
        }
        return table
    }

    static func writePredictions(_ predictions: [(model: String, prediction: OutOfSamplePrediction)], to path: String) throws {
        var text = "model,symbol,timestamp,fold,score,label\n"
        for (model, p) in predictions { text += "\(model),\(p.symbol),\(p.timestamp.display),\(p.fold),\(p.score),\(p.label)\n" }
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(path): cannot write predictions (\(error.localizedDescription))", exitCode: ExitStatus.usage)
        }
    }
}

/// The machine-readable result of `experiment run --json`.
struct ExperimentReport: Encodable {
    var name: String
    var runID: String?
    var model: String
    var folds: [FoldResult]
    var aggregate: ExperimentMetrics
    var control: ExperimentMetrics?
    var dataHash: String
    var featureSetHash: String
    var configurationHash: String
    var seconds: Double
    var artifact: String?

    init(_ r: ExperimentResult, runID: String?, control: ExperimentResult?, artifact: String?) {
        name = r.configuration.name
        self.runID = runID
        model = r.configuration.model.type
        folds = r.folds
        aggregate = r.aggregate
        self.control = control?.aggregate
        dataHash = r.dataHash
        featureSetHash = r.featureSetHash
        configurationHash = r.configurationHash
        seconds = r.seconds
        self.artifact = artifact
    }
}

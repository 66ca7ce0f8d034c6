import ArgumentParser
import BarbellData
import BarbellTorch
import Foundation

/// `barbell nn train FILE [--config RECIPE.yaml] [--architecture A] ... [--out DIR] [--json]`.
struct NNTrain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a zoo model on one instrument's bars: features, sequence windows, forward-return targets.",
        discussion: """
        The recipe (YAML or JSON; every field optional) has three sections: model (architecture, hidden, layers, dropout, \
        heads, kernelSize, scales, head, task), training (epochs, batchSize, learningRate, optimizer, weightDecay, schedule, \
        warmupFraction, gradientClip, accumulationSteps, patience, averageFrom, loss, seed) and data (features, lookback, \
        horizons, validation, volumeFeature, volatilityFeature). Options given here override the file.
        The last share of the windows (data.validation) is held out after a purge gap as long as the longest horizon; \
        features are standardised with training statistics only; every reported metric is on the held-out windows.
        """
    )

    @Argument(help: "Bars: CSV (optionally .gz) or candle JSON.")
    var file: String

    @Option(help: "Recipe file (YAML, or JSON when it ends in .json).")
    var config: String?

    @Option(help: "Architecture (`barbell nn architectures`).")
    var architecture: SequenceModelConfiguration.Architecture?

    @Option(help: "Task: regression, classification (down/flat/up) or quantile.")
    var task: String?

    @Option(help: "Head: linear or multi-horizon.")
    var head: SequenceModelConfiguration.Head?

    @Option(help: "Hidden width.")
    var hidden: Int?

    @Option(help: "Stacked layers.")
    var layers: Int?

    @Option(help: "Attention heads (attention architectures; must divide --hidden).")
    var heads: Int?

    @Option(help: "Loss: the task's own by default; mse, huber, directional, negative-sharpe, max-drawdown, cvar or sharpe+mse (one-horizon regression).")
    var loss: String?

    @Option(help: "Epochs.")
    var epochs: Int?

    @Option(name: .customLong("batch-size"), help: "Samples per mini-batch.")
    var batchSize: Int?

    @Option(name: .customLong("learning-rate"), help: "Peak learning rate.")
    var learningRate: Double?

    @Option(help: "Steps per input window.")
    var lookback: Int?

    @Option(help: "Comma-separated forward-return horizons in bars, e.g. 1,5,20.")
    var horizons: String?

    @Option(help: "Comma-separated feature specs (default: a scale-free set of returns, RSI, NATR, volatility, range and volume).")
    var features: String?

    @Option(help: "Share of the windows held out for validation, at the end.")
    var validation: Double?

    @Option(help: "Seed of initialisation, dropout and shuffling.")
    var seed: UInt64?

    @Option(help: "Intra-op threads (default: libtorch's, the machine's cores).")
    var threads: Int?

    @Option(help: "Which series of a multi-symbol file.")
    var series: String?

    @Option(help: "Write model.pt, recipe.json, preprocessing.json and history.json to this folder.")
    var out: String?

    @Option(help: "Write the training history (one record per epoch) as JSON to this file.")
    var history: String?

    @Option(help: "Checkpoint folder, written after every epoch.")
    var checkpoint: String?

    @Flag(help: "Resume from --checkpoint.")
    var resume = false

    @Flag(help: "Print the run as JSON.")
    var json = false

    @OptionGroup var input: InputOptions

    func run() async throws {
        if resume && checkpoint == nil { throw ValidationError("--resume needs --checkpoint DIR") }
        if let threads { try Torch.setThreads(threads) }
        let recipe = try resolvedRecipe()
        let loaded = try MarketFile.loadBars(file, options: try input.loadOptions())
        let chosen: LoadedSeries
        if let series {
            guard let match = loaded.first(where: { $0.series.symbol.name == series }) else {
                throw ValidationError("--series \(series): the file holds \(loaded.map(\.series.symbol.name).joined(separator: ", "))")
            }
            chosen = match
        } else {
            guard loaded.count == 1 else {
                throw ValidationError("\(file) holds \(loaded.count) series (\(loaded.prefix(5).map(\.series.symbol.name).joined(separator: ", "))…); pick one with --series")
            }
            chosen = loaded[0]
        }
        let run = try NNTrainingRun(series: chosen.series, recipe: recipe, source: file)
        if !json {
            print("\(run.recipe.model.architecture.rawValue): \(run.model.parameterCount) parameters, \(run.windows.featureNames.count) features × \(run.windows.lookback) steps, task \(Self.describe(run.recipe.model.task))")
            print("train \(run.windows.train.count) windows (\(run.windows.trainSpan.0.display) … \(run.windows.trainSpan.1.display)), validation \(run.windows.validation?.count ?? 0)"
                  + (run.windows.validationSpan.map { " (\($0.0.display) … \($0.1.display))" } ?? ""))
        }
        let bar = ProgressBar("training \(run.recipe.model.architecture.rawValue)")
        let total = Int64(run.recipe.training.epochs)
        let report = try run.fit(checkpoint: checkpoint, resume: resume) { record in
            let detail = String(format: "epoch %d  loss %.4f", record.epoch + 1, record.trainLoss)
                + (record.validationLoss.map { String(format: "  val %.4f", $0) } ?? "")
            bar.update(done: Int64(record.epoch + 1), total: total, detail: detail)
        }
        bar.finish()
        if let out { try run.save(to: out, report: report) }
        if let history { try Data(jsonText(report.history).utf8).write(to: URL(fileURLWithPath: history)) }
        if json { try printJSON(report); return }
        print(Self.historyTable(report.history).render())
        if report.history.stoppedEarly, let best = report.history.restoredEpoch { print("stopped early; restored the weights of epoch \(best + 1)") }
        if report.history.averaged { print("ended with the average of the weights from epoch \(run.recipe.training.averageFrom! + 1)") }
        print("validation (out of sample): \(report.validation.summary)")
        print(String(format: "%.1f s", report.seconds) + (out.map { "; model, recipe, preprocessing and history in \($0)" } ?? ""))
    }

    /// The recipe file (or defaults), then the command-line overrides.
    func resolvedRecipe() throws -> NNRecipe {
        var r = try config.map { try NNRecipe.load(path: $0) } ?? NNRecipe()
        if let architecture { r.model.architecture = architecture }
        if let head { r.model.head = head }
        if let hidden { r.model.hidden = hidden }
        if let heads { r.model.heads = heads }
        if let layers { r.model.layers = layers }
        if let loss { r.training.loss = loss }
        if let epochs { r.training.epochs = epochs }
        if let batchSize { r.training.batchSize = batchSize }
        if let learningRate { r.training.learningRate = learningRate }
        if let seed { r.training.seed = seed }
        if let lookback { r.data.lookback = lookback }
        if let features { r.data.features = features }
        if let validation { r.data.validation = validation }
        if let horizons {
            let list = horizons.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !list.isEmpty, list.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw ValidationError("--horizons: expected positive integers like 1,5,20, got '\(horizons)'") }
            r.data.horizons = list.map { $0! }
        }
        if let task {
            switch task {
            case "regression": r.model.task = .regression(horizons: r.data.horizons.count)
            case "classification": r.model.task = .classification(classes: 3)
            case "quantile": r.model.task = .quantile(PredictionTask.defaultQuantiles)
            default: throw ValidationError("--task: expected regression, classification or quantile, got '\(task)'")
            }
        } else if case .regression = r.model.task {
            r.model.task = .regression(horizons: r.data.horizons.count)
        }
        return r
    }

    static func describe(_ task: PredictionTask) -> String {
        switch task {
        case .regression(let h): "regression (\(h) horizon\(h == 1 ? "" : "s"))"
        case .classification(let k): "classification (\(k) classes)"
        case .quantile(let q): "quantile \(q)"
        }
    }

    static func historyTable(_ h: TrainingHistory) -> TextTable {
        var table = TextTable(["epoch", "train loss", "validation loss", "learning rate", "max grad norm"], rightAligned: [0, 1, 2, 3, 4])
        for e in h.epochs {
            table.add([String(e.epoch + 1), String(format: "%.5f", e.trainLoss), e.validationLoss.map { String(format: "%.5f", $0) } ?? "-",
                       String(format: "%.2e", e.learningRate), String(format: "%.3f", e.maxGradientNorm)])
        }
        return table
    }
}

extension SequenceModelConfiguration.Architecture: ExpressibleByArgument {}
extension SequenceModelConfiguration.Head: ExpressibleByArgument {}

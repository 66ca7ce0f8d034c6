import ArgumentParser
import BarbellBacktest
import BarbellData
import BarbellLearning
import BarbellStore
import Foundation

/// `barbell backtest [run] CONFIG.yaml [--tearsheet F] [--trials N | --study NAME] [--json]`.
struct BacktestRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a backtest configuration: summary table, honesty statistics and a tearsheet.",
        discussion: """
        The configuration names data (files, symbols, from, to), strategy (crossover, signals from a scores CSV, a model \
        artifact, or buy-and-hold), portfolio (topk-dropout, quantiles or threshold, with sizing), costs (commission bps, \
        per share, minimum, slippage model, participation limit, borrow rate), execution (initial cash, leverage, shorting, \
        engine) and the benchmark. Orders decided at a bar's close fill at the next bar. A model's scores inside its \
        training window are left out, so every number is out of sample. The deflated Sharpe ratio needs the number of \
        strategies tried: give --trials, or --study to read a tuning study's trial count from the store.
        """
    )

    @Argument(help: "Backtest configuration (YAML or JSON).")
    var config: String

    @Option(help: "Write the HTML tearsheet here (its JSON twin beside it); default: the configuration's report.tearsheet, else NAME-tearsheet.html.")
    var tearsheet: String?

    @Flag(help: "Do not write a tearsheet.")
    var noTearsheet = false

    @Option(help: "Strategies tried to find this one, for the deflated Sharpe ratio.")
    var trials: Int?

    @Option(help: "Read the trial count from this tuning study in the store.")
    var study: String?

    @Option(name: .customLong("sharpe-variance"), help: "Variance of the trials' per-period Sharpe ratios (default: this run's sampling variance).")
    var sharpeVariance: Double?

    @Option(help: "Stationary-bootstrap resamples for the confidence intervals (0: none).")
    var bootstrap: Int?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let configuration = try BacktestConfiguration.load(path: config)
        let base = URL(fileURLWithPath: config).deletingLastPathComponent().path
        var trialCount = trials ?? configuration.honesty.trials ?? 1
        if let study {
            let studies = try await openStudyStore(store.location)
            do {
                trialCount = try await studies.trialCount(study: study)
                try await studies.close()
                guard trialCount > 0 else {
                    throw CommandFailure(message: "study \(study) has no trials in \(store.location); check the name with `barbell tune`", exitCode: ExitStatus.usage)
                }
            } catch {
                try? await studies.close()
                throw error
            }
        }
        guard trialCount >= 1 else { throw ValidationError("--trials must be ≥ 1") }
        let bar = json ? nil : ProgressBar(configuration.name)
        bar?.update(done: 0, total: 3, detail: "loading and trading")
        let panel = try configuration.data.loadPanel(relativeTo: base)
        let run = try BacktestRunner(configuration, base: base).run(panel: panel)
        bar?.update(done: 1, total: 3, detail: "statistics")
        let options = ReportOptions(trials: trialCount, sharpeVariance: sharpeVariance ?? configuration.honesty.sharpeVariance,
                                    bootstrap: bootstrap ?? configuration.honesty.bootstrap ?? 1000, seed: configuration.seed,
                                    regimes: configuration.honesty.regimes ?? 3)
        let (report, regimes) = try BacktestReport.make(run, options: options)
        var tearsheetPath: String?
        if !noTearsheet {
            bar?.update(done: 2, total: 3, detail: "tearsheet")
            let path = tearsheet ?? configuration.report.tearsheet.map { ExperimentConfiguration.DataSection.resolve($0, base: base) }
                ?? "\(configuration.name)-tearsheet.html"
            var importance: [TearsheetImportance]?
            if let artifact = run.artifact {
                importance = try ModelImportance.permutation(artifact: artifact, panel: panel,
                                                             seed: configuration.seed)
            }
            let data = try report.tearsheet(run: run, regimes: regimes, featureImportance: importance,
                                            generatedBy: "barbell \(CodeVersion.current)")
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(message: "\(path): cannot create its folder (\(error.localizedDescription))", exitCode: ExitStatus.usage)
            }
            try Tearsheet.write(data, htmlTo: url, jsonTo: url.deletingPathExtension().appendingPathExtension("json"))
            tearsheetPath = url.path
        }
        bar?.finish()
        if json {
            print(jsonText(report))
            return
        }
        print(BacktestTables.render(report))
        if let tearsheetPath { print("tearsheet: \(tearsheetPath)") }
    }
}

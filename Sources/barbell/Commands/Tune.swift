import ArgumentParser
import BarbellData
import BarbellLearning
import BarbellStore
import Foundation

/// `barbell tune CONFIG.yaml --trials N [--study NAME] [--store …] [--json]`.
struct Tune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Run or join a hyperparameter study on an experiment's walk-forward score.",
        discussion: """
        The experiment's `tune` section declares direction, sampler (tpe, random or grid), pruner (median, \
        successive-halving or none) and the search space by dotted path (model.eta: {float: [0.01, 0.3], log: true}). \
        Each trial runs the whole walk-forward experiment with the sampled values and scores it by the out-of-sample \
        metric (tune.metric, default rank IC); after each fold the running mean is reported so the pruner can stop a \
        poor trial early. The study lives in the store: start this command in several processes, on one machine or \
        several against one PostgreSQL store, and they share the study without duplicating a trial. Every trial is \
        counted, whatever its state: that count is what the deflated Sharpe ratio needs.
        """
    )

    @Argument(help: "Experiment configuration with a tune section.")
    var config: String

    @Option(help: "Trials this process runs (the study continues where it stopped).")
    var trials: Int = 20

    @Option(help: "Study name (default: the experiment's name).")
    var study: String?

    @Option(help: "Worker name recorded with each trial (default: host and process id).")
    var worker: String?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the study as JSON.")
    var json = false

    func run() async throws {
        guard trials >= 0 else { throw ValidationError("--trials must be ≥ 0") }
        let experiment = try ExperimentConfiguration.load(path: config)
        guard let section = experiment.tune else {
            throw CommandFailure(message: "\(config): no tune section; add tune: {direction, sampler, pruner, space}", exitCode: ExitStatus.usage)
        }
        let tuning = try TuneConfiguration(configuration: section)
        let folder = URL(fileURLWithPath: config).deletingLastPathComponent().path
        let panel = try experiment.data.loadPanel(relativeTo: folder)
        let studies = try await openStudyStore(store.location)
        let name = study ?? experiment.name
        let study = try await Study.open(name: name, direction: tuning.direction, space: tuning.space,
                                         sampler: tuning.makeSampler(seed: experiment.seed), pruner: tuning.makePruner(), store: studies)
        let metric = tuning.metric
        let path = config
        let bar = ProgressBar("study \(name)")
        let counter = TrialCounter()
        let total = Int64(trials)
        let finished = try await study.optimize(trials: trials, worker: worker ?? Study.defaultWorker) { trial in
            let configuration = try ExperimentConfiguration.load(path: path, overrides: trial.parameters)
            var run = try ExperimentRunner(configuration, base: folder).prepare(panel: panel)
            var scores: [Double] = []
            while let fold = try run.runNextFold() {
                scores.append(metric.value(fold.metrics))
                try await trial.report(step: fold.fold, value: scores.reduce(0, +) / Double(scores.count))
                if try await trial.shouldPrune() { throw TrialPruned() }
            }
            let value = metric.value(try run.result().aggregate)
            bar.update(done: Int64(counter.next()), total: total, detail: String(format: "trial %d  %@ %.4f", trial.number, metric.rawValue, value))
            return value
        }
        bar.finish()
        let all = try await study.trials()
        let best = try await study.best()
        let count = try await study.trialCount()
        try await studies.close()
        if json {
            try printJSON(TuneReport(study: name, metric: metric.rawValue, direction: tuning.direction.rawValue, trialsRun: finished.count,
                                     trialCount: count, best: best.map(TuneReport.Trial.init), trials: all.map(TuneReport.Trial.init)))
            return
        }
        var table = TextTable(["trial", "state", metric.rawValue, "parameters", "worker"], rightAligned: [0, 2])
        for t in all {
            table.add([String(t.number), t.state.rawValue, t.value.map { String(format: "%.5f", $0) } ?? "-",
                       TuneReport.describe(t.parameters), t.worker])
        }
        print(table.render())
        print("this process ran \(finished.count) trial\(finished.count == 1 ? "" : "s"); the study \(name) holds \(count) (every state counts toward the deflated Sharpe ratio)")
        if let best {
            print("best: trial \(best.number), \(metric.rawValue) \(String(format: "%.5f", best.value ?? .nan)) with \(TuneReport.describe(best.parameters))")
        }
    }
}

/// Counts finished trials for the progress bar.
final class TrialCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
}

/// The machine-readable result of `barbell tune --json`.
struct TuneReport: Encodable {
    struct Trial: Encodable {
        var number: Int
        var state: String
        var value: Double?
        var parameters: [String: ConfigValue]
        var worker: String
        init(_ t: TrialRecord) {
            number = t.number
            state = t.state.rawValue
            value = t.value
            parameters = t.parameters
            worker = t.worker
        }
    }
    var study: String
    var metric: String
    var direction: String
    var trialsRun: Int
    var trialCount: Int
    var best: Trial?
    var trials: [Trial]

    static func describe(_ parameters: [String: ConfigValue]) -> String {
        parameters.sorted { $0.key < $1.key }.map { key, value in
            switch value {
            case .double(let d): "\(key)=\(String(format: "%.4g", d))"
            case .int(let i): "\(key)=\(i)"
            case .string(let s): "\(key)=\(s)"
            case .bool(let b): "\(key)=\(b)"
            default: "\(key)=\(value)"
            }
        }.joined(separator: " ")
    }
}

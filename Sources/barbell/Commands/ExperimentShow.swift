import ArgumentParser
import BarbellLearning
import BarbellStore
import Foundation

/// `barbell experiment show RUN [--json]`.
struct ExperimentShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recorded run: its configuration, hashes, code version, per-fold and aggregate metrics."
    )

    @Argument(help: "Run id, or a unique prefix of it (as `experiment list` prints).")
    var id: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the run as JSON.")
    var json = false

    func run() async throws {
        let experiments = try await openExperimentStore(store.location)
        let found: ExperimentRun?
        do { found = try await experiments.run(id: id); try await experiments.close() } catch {
            try? await experiments.close()
            throw error
        }
        guard let run = found else {
            throw CommandFailure(message: "no run \(id) in \(store.location); `barbell experiment list` shows the recorded runs", exitCode: ExitStatus.usage)
        }
        if json { try printJSON(run); return }
        let formatter = ISO8601DateFormatter()
        print("run \(run.id)  \(run.name)  [\(run.status)]")
        print("created \(formatter.string(from: run.created)), \(String(format: "%.1f", run.durationSeconds)) s, code \(run.codeVersion), seed \(run.seed)")
        print("model \(run.modelType); configuration sha256 \(run.configSHA256)")
        print("data sha256 \(run.dataHash); feature set sha256 \(run.featureSetHash)")
        if let path = run.artifactPath { print("artifact \(path) (sha256 \(run.artifactSHA256 ?? "-"))") }
        if let folds = try? JSONDecoder().decode([FoldResult].self, from: Data(run.foldMetricsJSON.utf8)) {
            var table = TextTable(["fold", "test from", "test to", "train rows", "test rows", "IC", "rank IC", "hit rate"], rightAligned: [0, 3, 4, 5, 6, 7])
            for f in folds {
                table.add([String(f.fold + 1), f.testStart.display, f.testEnd.display, String(f.trainRows), String(f.testRows),
                           String(format: "%.4f", f.metrics.ic), String(format: "%.4f", f.metrics.rankIC), String(format: "%.3f", f.metrics.hitRate)])
            }
            print(table.render())
        }
        if let m = try? JSONDecoder().decode(ExperimentMetrics.self, from: Data(run.metricsJSON.utf8)) {
            func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
            print("out of sample: IC \(f(m.ic)), ICIR \(f(m.icir)), rank IC \(f(m.rankIC)), rank ICIR \(f(m.rankICIR)), hit rate \(String(format: "%.3f", m.hitRate)), \(m.observations) observations")
        }
        print("\nconfiguration:\n" + run.configYAML)
    }
}

import ArgumentParser
import BarbellLearning
import BarbellStore
import Foundation

/// `barbell experiment list [--name NAME] [--json]`.
struct ExperimentList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded experiment runs, newest first, with their out-of-sample scores."
    )

    @Option(help: "Only runs of this experiment name (a comparison's models are NAME/MODEL).")
    var name: String?

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print the runs as JSON.")
    var json = false

    func run() async throws {
        let experiments = try await openExperimentStore(store.location)
        let runs: [RunSummary]
        do { runs = try await experiments.runs(name: name); try await experiments.close() } catch {
            try? await experiments.close()
            throw error
        }
        if json { try printJSON(runs); return }
        guard !runs.isEmpty else { print("no runs recorded in \(store.location)" + (name.map { " under \($0)" } ?? "")); return }
        var table = TextTable(["run", "name", "model", "created (UTC)", "IC", "rank IC", "ICIR", "hit rate", "s", "status"],
                              rightAligned: [4, 5, 6, 7, 8])
        let formatter = ISO8601DateFormatter()
        for r in runs {
            let m = try? JSONDecoder().decode(ExperimentMetrics.self, from: Data(r.metricsJSON.utf8))
            func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "-" }
            table.add([String(r.id.prefix(8)), r.name, r.modelType, formatter.string(from: r.created), f(m?.ic), f(m?.rankIC),
                       f(m?.icir), m.map { String(format: "%.3f", $0.hitRate) } ?? "-", String(format: "%.1f", r.durationSeconds), r.status])
        }
        print(table.render())
    }
}

import BarbellData
import Foundation

/// Recorded experiment runs, kept beside the market data (``defaultStorePath``).
public protocol ExperimentStore: Sendable {
    /// Stores one run in one transaction.
    /// - Throws: ``DataError`` `.conflict` when a run with the same id exists,
    ///   `.invalidArgument` for an empty id or name.
    func record(_ run: ExperimentRun) async throws

    /// Every run, or those named `name`, newest first.
    func runs(name: String?) async throws -> [RunSummary]

    /// The run whose id is `id` or starts with it; nil when none does.
    /// - Throws: ``DataError`` `.conflict` naming the matches when the prefix is ambiguous,
    ///   `.invalidArgument` for an empty prefix.
    func run(id: String) async throws -> ExperimentRun?

    /// Releases connections and files.
    func close() async throws
}

extension ExperimentStore {
    /// Every run, newest first.
    public func runs() async throws -> [RunSummary] { try await runs(name: nil) }
}

extension ExperimentRun {
    /// Fails on the fields a stored run cannot do without.
    func validatedForRecord() throws {
        if id.trimmingCharacters(in: .whitespaces).isEmpty { throw DataError(.invalidArgument, "experiment run needs an id") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw DataError(.invalidArgument, "experiment run \(id) needs a name") }
    }

    /// The error for a prefix that matches several runs.
    static func ambiguous(_ prefix: String, _ ids: [String]) -> DataError {
        DataError(.conflict, "run id prefix '\(prefix)' matches \(ids.count) runs (\(ids.prefix(5).joined(separator: ", "))); give more characters")
    }
}

/// Opens the experiment store at `location` (a SQLite path or a `postgres://` URL, as for
/// ``openMarketDataStore(_:)``).
public func openExperimentStore(_ location: String = defaultStorePath) async throws -> any ExperimentStore {
    switch try StoreLocation(location) {
    case .postgres(let url): return try await PostgresExperimentStore(url: url)
    case .sqlite(let path): return try SQLiteExperimentStore(path: path)
    }
}

import BarbellData
import Foundation
import GRDB

/// An ``ExperimentStore`` in a SQLite file (which may be the market store's).
public final class SQLiteExperimentStore: ExperimentStore {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating when missing) the store at `path` and creates its table when missing.
    public init(path: String) throws {
        self.path = path
        do {
            pool = try SQLiteConnection.openPool(path: path, label: "BarbellExperimentStore")
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        CREATE TABLE IF NOT EXISTS experiment_runs (
                            id TEXT PRIMARY KEY NOT NULL,
                            name TEXT NOT NULL,
                            created REAL NOT NULL,
                            duration REAL NOT NULL,
                            status TEXT NOT NULL,
                            config_yaml TEXT NOT NULL,
                            config_sha256 TEXT NOT NULL,
                            data_hash TEXT NOT NULL,
                            feature_set_hash TEXT NOT NULL,
                            code_version TEXT NOT NULL,
                            seed TEXT NOT NULL,
                            model_type TEXT NOT NULL,
                            metrics TEXT NOT NULL,
                            fold_metrics TEXT NOT NULL,
                            artifact_path TEXT,
                            artifact_sha256 TEXT
                        );
                        CREATE INDEX IF NOT EXISTS experiment_runs_by_name ON experiment_runs (name, created);
                        """)
                    return .commit
                }
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    public func close() async throws { try pool.close() }

    public func record(_ run: ExperimentRun) async throws {
        try run.validatedForRecord()
        do {
            try await pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM experiment_runs WHERE id = ?", arguments: [run.id]) != nil {
                        throw DataError(.conflict, "experiment run \(run.id) is recorded already")
                    }
                    // The seed is a UInt64, which SQLite's signed 64-bit integers cannot hold whole.
                    try db.execute(sql: """
                        INSERT INTO experiment_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [run.id, run.name, run.created.timeIntervalSince1970, run.durationSeconds, run.status,
                                         run.configYAML, run.configSHA256, run.dataHash, run.featureSetHash, run.codeVersion,
                                         String(run.seed), run.modelType, run.metricsJSON, run.foldMetricsJSON,
                                         run.artifactPath, run.artifactSHA256])
                    return .commit
                }
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    public func runs(name: String?) async throws -> [RunSummary] {
        do {
            return try await pool.read { db in
                let rows = if let name {
                    try Row.fetchAll(db, sql: "SELECT * FROM experiment_runs WHERE name = ? ORDER BY created DESC, id", arguments: [name])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM experiment_runs ORDER BY created DESC, id")
                }
                return try rows.map { RunSummary(try Self.run(row: $0)) }
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    public func run(id: String) async throws -> ExperimentRun? {
        guard !id.isEmpty else { throw DataError(.invalidArgument, "empty run id") }
        do {
            return try await pool.read { db in
                // LIKE would treat `_` and `%` in the prefix as wildcards; substr compares exactly.
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM experiment_runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 6",
                                            arguments: [id.count, id])
                if let exact = rows.first(where: { ($0["id"] as String) == id }) { return try Self.run(row: exact) }
                guard rows.count <= 1 else { throw ExperimentRun.ambiguous(id, rows.map { $0["id"] }) }
                return try rows.first.map(Self.run(row:))
            }
        } catch {
            throw SQLiteConnection.storeError(error, path: path)
        }
    }

    private static func run(row: Row) throws -> ExperimentRun {
        let id: String = row["id"], seedText: String = row["seed"]
        guard let seed = UInt64(seedText) else { throw DataError(.store, "experiment run \(id) has a malformed seed '\(seedText)'") }
        return ExperimentRun(id: id, name: row["name"], created: Date(timeIntervalSince1970: row["created"]),
                             durationSeconds: row["duration"], status: row["status"], configYAML: row["config_yaml"],
                             configSHA256: row["config_sha256"], dataHash: row["data_hash"], featureSetHash: row["feature_set_hash"],
                             codeVersion: row["code_version"], seed: seed, modelType: row["model_type"],
                             metricsJSON: row["metrics"], foldMetricsJSON: row["fold_metrics"],
                             artifactPath: row["artifact_path"], artifactSHA256: row["artifact_sha256"])
    }
}

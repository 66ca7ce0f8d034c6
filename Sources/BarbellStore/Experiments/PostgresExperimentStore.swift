import BarbellData
import Foundation
import PostgresNIO

/// An ``ExperimentStore`` in a PostgreSQL schema (which may be the market store's).
public final class PostgresExperimentStore: ExperimentStore {
    let handle: PostgresHandle

    /// Connects to `url` (see ``PostgresLocation``) and creates the table when missing.
    public init(url: String) async throws {
        handle = try PostgresHandle(url: url)
        let runs = handle.table("experiment_runs")
        do {
            try await handle.createTables([
                """
                CREATE TABLE IF NOT EXISTS \(runs) (
                    id text PRIMARY KEY, name text NOT NULL, created double precision NOT NULL,
                    duration double precision NOT NULL, status text NOT NULL, config_yaml text NOT NULL,
                    config_sha256 text NOT NULL, data_hash text NOT NULL, feature_set_hash text NOT NULL,
                    code_version text NOT NULL, seed text NOT NULL, model_type text NOT NULL,
                    metrics text NOT NULL, fold_metrics text NOT NULL, artifact_path text, artifact_sha256 text)
                """,
                "CREATE INDEX IF NOT EXISTS experiment_runs_by_name ON \(runs) (name, created)",
            ])
        } catch {
            await handle.close()
            throw error
        }
    }

    public func close() async throws { await handle.close() }

    /// Drops the store's schema (tests).
    public func dropSchema() async throws { try await handle.dropSchema() }

    private var table: String { handle.table("experiment_runs") }
    private static let columns = "id, name, created, duration, status, config_yaml, config_sha256, data_hash, feature_set_hash, code_version, seed, model_type, metrics, fold_metrics, artifact_path, artifact_sha256"

    public func record(_ run: ExperimentRun) async throws {
        try run.validatedForRecord()
        let logger = handle.logger, table = self.table
        try await handle.transaction { connection in
            let rows = try await connection.query("""
                INSERT INTO \(unescaped: table) (\(unescaped: Self.columns)) VALUES (\(run.id), \(run.name), \(run.created.timeIntervalSince1970),
                \(run.durationSeconds), \(run.status), \(run.configYAML), \(run.configSHA256), \(run.dataHash), \(run.featureSetHash),
                \(run.codeVersion), \(String(run.seed)), \(run.modelType), \(run.metricsJSON), \(run.foldMetricsJSON),
                \(run.artifactPath), \(run.artifactSHA256)) ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: logger)
            var inserted = false
            for try await _ in rows.decode(String.self) { inserted = true }
            if !inserted { throw DataError(.conflict, "experiment run \(run.id) is recorded already") }
        }
    }

    public func runs(name: String?) async throws -> [RunSummary] {
        let logger = handle.logger, table = self.table
        return try await handle.transaction { connection in
            let rows = if let name {
                try await connection.query("SELECT \(unescaped: Self.columns) FROM \(unescaped: table) WHERE name = \(name) ORDER BY created DESC, id", logger: logger)
            } else {
                try await connection.query("SELECT \(unescaped: Self.columns) FROM \(unescaped: table) ORDER BY created DESC, id", logger: logger)
            }
            var result: [RunSummary] = []
            for try await row in rows { result.append(RunSummary(try Self.run(row))) }
            return result
        }
    }

    public func run(id: String) async throws -> ExperimentRun? {
        guard !id.isEmpty else { throw DataError(.invalidArgument, "empty run id") }
        let logger = handle.logger, table = self.table
        return try await handle.transaction { connection in
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.columns) FROM \(unescaped: table) WHERE left(id, \(Int32(id.count))) = \(id) ORDER BY id LIMIT 6
                """, logger: logger)
            var found: [ExperimentRun] = []
            for try await row in rows { found.append(try Self.run(row)) }
            if let exact = found.first(where: { $0.id == id }) { return exact }
            guard found.count <= 1 else { throw ExperimentRun.ambiguous(id, found.map(\.id)) }
            return found.first
        }
    }

    private static func run(_ row: PostgresRow) throws -> ExperimentRun {
        let r = try row.decode((String, String, Double, Double, String, String, String, String,
                                String, String, String, String, String, String, String?, String?).self)
        guard let seed = UInt64(r.10) else { throw DataError(.store, "experiment run \(r.0) has a malformed seed '\(r.10)'") }
        return ExperimentRun(id: r.0, name: r.1, created: Date(timeIntervalSince1970: r.2), durationSeconds: r.3,
                             status: r.4, configYAML: r.5, configSHA256: r.6, dataHash: r.7, featureSetHash: r.8,
                             codeVersion: r.9, seed: seed, modelType: r.11, metricsJSON: r.12, foldMetricsJSON: r.13,
                             artifactPath: r.14, artifactSHA256: r.15)
    }
}

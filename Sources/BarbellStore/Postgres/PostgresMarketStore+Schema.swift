import BarbellData
import Logging
import PostgresNIO

extension PostgresMarketStore {
    /// Creates the schema and tables when missing; returns whether `bars` is a hypertable.
    ///
    /// Text keys use the "C" collation: byte comparisons are several times faster than a
    /// locale's in the primary-key index, and symbols are identifiers, not prose to sort.
    ///
    /// Runs in one transaction under an advisory lock keyed on the schema name, so stores
    /// opened at the same moment (parallel tests, several workers) do not race on
    /// `CREATE ... IF NOT EXISTS`, which is not atomic in Postgres.
    static func createSchema(client: PostgresClient, schema: String, logger: Logger) async throws -> Bool {
        let quoted = "\"\(schema)\""
        return try await client.withTransaction(logger: logger) { connection in
            func run(_ sql: String) async throws {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("barbell-schema:" + schema)))", logger: logger)
            let existing = try await connection.query(
                "SELECT to_regclass(\(quoted + ".bars"))::text", logger: logger)
                .collect().first?.decode(String?.self) ?? nil
            try await run("CREATE SCHEMA IF NOT EXISTS \(quoted)")
            try await run("""
                CREATE TABLE IF NOT EXISTS \(quoted).series (
                    symbol text COLLATE "C" NOT NULL,
                    timeframe text COLLATE "C" NOT NULL,
                    adjustment integer NOT NULL,
                    bar_count bigint NOT NULL,
                    first_ts bigint NOT NULL,
                    last_ts bigint NOT NULL,
                    has_vwap boolean NOT NULL,
                    has_trade_count boolean NOT NULL,
                    PRIMARY KEY (symbol, timeframe)
                )
                """)
            try await run("""
                CREATE TABLE IF NOT EXISTS \(quoted).bars (
                    symbol text COLLATE "C" NOT NULL,
                    timeframe text COLLATE "C" NOT NULL,
                    ts bigint NOT NULL,
                    open double precision,
                    high double precision,
                    low double precision,
                    close double precision,
                    volume double precision,
                    vwap double precision,
                    trade_count bigint,
                    PRIMARY KEY (symbol, timeframe, ts)
                )
                """)
            try await run("""
                CREATE TABLE IF NOT EXISTS \(quoted).imports (
                    id bigserial PRIMARY KEY,
                    source text NOT NULL,
                    imported_at bigint NOT NULL,
                    series_count integer NOT NULL,
                    rows_given bigint NOT NULL,
                    rows_inserted bigint NOT NULL,
                    rows_present bigint NOT NULL,
                    rows_replaced bigint NOT NULL,
                    content_hash text NOT NULL
                )
                """)
            if existing == nil {
                return try await makeHypertable(connection, table: "\(quoted).bars", logger: logger)
            }
            return try await isHypertable(connection, schema: schema, logger: logger)
        }
    }

    /// Turns a freshly created, empty `bars` into a TimescaleDB hypertable when the extension
    /// is installed on the server; otherwise leaves the plain table.
    ///
    /// Runs inside a savepoint: the extension may be installed but not preloaded, or the user
    /// may lack the right to create it, and such a failure must not abort schema creation.
    private static func makeHypertable(_ connection: PostgresConnection, table: String, logger: Logger) async throws -> Bool {
        let available = try await connection.query(
            "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'", logger: logger)
            .collect().first?.decode(Int64.self) ?? 0
        guard available > 0 else { return false }
        try await connection.query("SAVEPOINT barbell_timescale", logger: logger)
        do {
            try await connection.query("CREATE EXTENSION IF NOT EXISTS timescaledb", logger: logger)
            // ts is integer nanoseconds, so the chunk interval is an integer too: one week.
            try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT create_hypertable('\(table)', 'ts', chunk_time_interval => 604800000000000::bigint, if_not_exists => true)
                """), logger: logger)
            try await connection.query("RELEASE SAVEPOINT barbell_timescale", logger: logger)
            return true
        } catch {
            logger.warning("TimescaleDB is available but \(table) could not be made a hypertable; using a plain table",
                           metadata: ["error": "\(String(reflecting: error))"])
            try await connection.query("ROLLBACK TO SAVEPOINT barbell_timescale", logger: logger)
            return false
        }
    }

    private static func isHypertable(_ connection: PostgresConnection, schema: String, logger: Logger) async throws -> Bool {
        let installed = try await connection.query(
            "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'", logger: logger)
            .collect().first?.decode(Int64.self) ?? 0
        guard installed > 0 else { return false }
        let count = try await connection.query(
            "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_schema = \(schema) AND hypertable_name = 'bars'",
            logger: logger).collect().first?.decode(Int64.self) ?? 0
        return count > 0
    }
}

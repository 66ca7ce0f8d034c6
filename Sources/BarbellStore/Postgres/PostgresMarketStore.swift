import BarbellData
import Logging
import PostgresNIO

/// A ``MarketDataStore`` in a PostgreSQL schema, shared by every machine that can reach the
/// server.
///
/// The tables mirror the SQLite store's: `bars` keyed by (symbol, timeframe, ts) with `ts` in
/// BIGINT nanoseconds, `series` with per-series metadata and `imports` with provenance. When
/// the server offers TimescaleDB, `bars` becomes a hypertable chunked on `ts`.
///
/// Connections come from a pool, so concurrent readers run in parallel; an import holds one
/// connection for its whole transaction.
public final class PostgresMarketStore: MarketDataStore {
    /// Where the store lives (password included; see ``PostgresLocation/redacted(_:)`` for display).
    public let location: PostgresLocation
    /// Whether `bars` is a TimescaleDB hypertable (false: a plain table with its primary key).
    public let usesHypertable: Bool

    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    /// Connects to the server at `url` and creates the schema and tables when missing.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database?schema=name` (see ``PostgresLocation``).
    ///   - logger: Receives PostgresNIO's diagnostics; silent by default.
    /// - Throws: ``DataError`` `.invalidArgument` for a bad URL, `.store` when the server is
    ///   unreachable or the schema cannot be created.
    public convenience init(url: String, logger: Logger? = nil) async throws {
        try await self.init(location: PostgresLocation(url: url), logger: logger)
    }

    /// Connects to `location` and creates the schema and tables when missing.
    public init(location: PostgresLocation, logger: Logger? = nil) async throws {
        self.location = location
        let logger = logger ?? Logger(label: "barbell.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        self.logger = logger
        let client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        self.client = client
        // PostgresClient hands out connections only while `run()` is running; it returns when
        // the task is cancelled, which is how `close()` shuts the pool down.
        runner = Task { await client.run() }
        do {
            usesHypertable = try await Self.createSchema(client: client, schema: location.schema, logger: logger)
        } catch {
            runner.cancel()
            throw Self.storeError(error, location: location)
        }
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    /// Drops the store's schema with every table in it.
    ///
    /// Meant for throwaway stores (tests, scratch experiments): the data is gone for good.
    public func dropSchema() async throws {
        let logger = self.logger
        try await guarded {
            try await client.withConnection { connection in
                _ = try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(quotedSchema) CASCADE"), logger: logger)
            }
        }
    }

    // MARK: SQL helpers

    /// The schema as a quoted SQL identifier (validated by ``PostgresLocation``).
    var quotedSchema: String { "\"\(location.schema)\"" }

    /// A qualified, quoted table name in the store's schema.
    func table(_ name: String) -> String { "\(quotedSchema).\"\(name)\"" }

    /// Runs `body`, passing ``DataError``s through and turning PostgresNIO errors into `.store`
    /// errors that carry the server's message (PSQLError hides it from `description`).
    func guarded<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.storeError(error, location: location)
        }
    }

    static func storeError(_ error: any Error, location: PostgresLocation) -> any Error {
        switch error {
        case let e as PostgresTransactionError:
            if let inner = e.closureError ?? e.beginError ?? e.commitError {
                return storeError(inner, location: location)
            }
            return DataError(.store, "Postgres store \(location.host):\(location.port)/\(location.database): transaction failed")
        case is DataError, is CancellationError:
            return error
        case let e as PSQLError:
            var message = e.serverInfo?[.message] ?? "\(e.code)"
            if let detail = e.serverInfo?[.detail] { message += " (\(detail))" }
            return DataError(.store, "Postgres store \(location.host):\(location.port)/\(location.database): \(message)")
        default:
            return DataError(.store, "Postgres store \(location.host):\(location.port)/\(location.database): \(String(reflecting: error))")
        }
    }
}

import BarbellData
import Logging
import PostgresNIO

/// A running PostgresNIO client with the location it serves, shared by the study and
/// experiment stores (the market store keeps its own, tuned for bulk imports).
final class PostgresHandle: Sendable {
    let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>

    init(url: String) throws {
        location = try PostgresLocation(url: url)
        logger = Logger(label: "barbell.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: logger)
        self.client = client
        // The client hands out connections only while `run()` runs; cancelling it closes the pool.
        runner = Task { await client.run() }
    }

    func close() async {
        runner.cancel()
        await runner.value
    }

    var quotedSchema: String { "\"\(location.schema)\"" }

    /// A qualified, quoted table name in the store's schema.
    func table(_ name: String) -> String { "\(quotedSchema).\"\(name)\"" }

    /// Runs `body` in one transaction, turning PostgresNIO errors into ``DataError`` `.store`.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw unwrap(error)
        }
    }

    /// Creates the schema and runs `statements` in one transaction under an advisory lock on
    /// the schema name, because concurrent `CREATE ... IF NOT EXISTS` races in Postgres.
    func createTables(_ statements: [String]) async throws {
        let logger = self.logger, schema = location.schema, quoted = quotedSchema
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("barbell-schema:" + schema)))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"), logger: logger)
            for sql in statements {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
        }
    }

    /// Drops the schema with every table in it (throwaway stores: tests, scratch experiments).
    func dropSchema() async throws {
        let logger = self.logger, quoted = quotedSchema
        try await transaction { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(quoted) CASCADE"), logger: logger)
        }
    }

    func unwrap(_ error: any Error) -> any Error {
        switch error {
        case let e as PostgresTransactionError:
            if let inner = e.closureError ?? e.beginError ?? e.commitError { return unwrap(inner) }
            return PostgresMarketStore.storeError(error, location: location)
        case let e as ProposalError:
            return e.underlying
        default:
            return PostgresMarketStore.storeError(error, location: location)
        }
    }
}

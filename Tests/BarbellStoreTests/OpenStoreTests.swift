import BarbellData
import BarbellStore
import Foundation
import Testing

@Suite("Opening stores")
struct OpenStoreTests {
    @Test("a path opens a SQLite store, creating missing folders")
    func openPath() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/deeper/store.sqlite").path
        let store = try await openMarketDataStore(path)
        #expect(store is SQLiteMarketStore)
        try await store.importBars([BarFixtures.minutes("OPEN", count: 5)], source: "t")
        try await store.close()
        #expect(FileManager.default.fileExists(atPath: path))

        // Reopening finds the data: the schema migration is not re-run destructively.
        let again = try await openMarketDataStore(path)
        #expect(try await again.listSeries().map(\.count) == [5])
        try await again.close()
        await #expect(throws: DataError.self) { try await again.listSeries() }
    }

    @Test("unsupported URLs and empty locations are invalid arguments")
    func badLocations() async throws {
        for location in ["", "mysql://db/x", "postgres://host:99999/db", "postgres://h/db?schema=Bad-Name"] {
            let error = await #expect(throws: DataError.self) { try await openMarketDataStore(location) }
            #expect(error?.code == .invalidArgument, "\(location)")
        }
    }

    @Test("postgres URLs are parsed like libpq's")
    func postgresLocation() throws {
        let full = try PostgresLocation(url: "postgresql://al%40ice:p%3Ass@db.example:6543/market?schema=research&sslmode=disable")
        #expect(full.user == "al@ice")
        #expect(full.password == "p:ss")
        #expect(full.host == "db.example")
        #expect(full.port == 6543)
        #expect(full.database == "market")
        #expect(full.schema == "research")
        #expect(full.sslMode == "disable")
        #expect(full.socketDirectory == nil)

        let bare = try PostgresLocation(url: "postgres://localhost")
        #expect(bare.user == "postgres" && bare.port == 5432 && bare.database == "postgres")
        #expect(bare.schema == PostgresLocation.defaultSchema)

        let socket = try PostgresLocation(url: "postgres://me@/db?host=/tmp/pg")
        #expect(socket.socketDirectory == "/tmp/pg")

        #expect(PostgresLocation.redacted("postgres://u:secret@h/db") == "postgres://u:***@h/db")
    }

    @Test("the default store path honours BARBELL_STORE")
    func defaultPath() {
        if let configured = ProcessInfo.processInfo.environment["BARBELL_STORE"], !configured.isEmpty {
            #expect(defaultStorePath == configured)
        } else {
            #expect(defaultStorePath.hasSuffix("/.barbell/barbell.sqlite"))
        }
    }
}

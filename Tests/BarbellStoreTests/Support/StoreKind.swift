import BarbellData
import BarbellStore
import Foundation
import Testing

/// The store implementations every contract test runs against.
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// SQLite always; Postgres when `BARBELL_TEST_POSTGRES_URL` names a server, or when
    /// `BARBELL_REQUIRE_POSTGRES=1` demands it, in which case a missing URL fails the Postgres
    /// cases instead of silently skipping them.
    static var enabled: [StoreKind] {
        let env = ProcessInfo.processInfo.environment
        let hasURL = !(env["BARBELL_TEST_POSTGRES_URL"] ?? "").isEmpty
        return hasURL || env["BARBELL_REQUIRE_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// A fresh, empty store of the given kind: its own file for SQLite, its own schema for
/// Postgres, so tests running in parallel never see each other's data.
struct ScratchStore: Sendable {
    let store: any MarketDataStore
    private let cleanup: @Sendable () async -> Void

    /// Opens a scratch store, runs `body` with it, and removes it afterwards whatever happens.
    static func with<T: Sendable>(_ kind: StoreKind, _ body: (any MarketDataStore) async throws -> T) async throws -> T {
        let scratch = try await make(kind)
        do {
            let result = try await body(scratch.store)
            await scratch.cleanup()
            return result
        } catch {
            await scratch.cleanup()
            throw error
        }
    }

    static func make(_ kind: StoreKind) async throws -> ScratchStore {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-store-tests-\(UUID().uuidString)")
            let store = try SQLiteMarketStore(path: folder.appendingPathComponent("bars.sqlite").path)
            return ScratchStore(store: store) {
                try? await store.close()
                try? FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["BARBELL_TEST_POSTGRES_URL"], !url.isEmpty else {
                throw ScratchStoreError.postgresRequired
            }
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let store = try await PostgresMarketStore(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)")
            return ScratchStore(store: store) {
                try? await store.dropSchema()
                try? await store.close()
            }
        }
    }

    private init(store: any MarketDataStore, cleanup: @escaping @Sendable () async -> Void) {
        self.store = store
        self.cleanup = cleanup
    }
}

enum ScratchStoreError: Error, CustomStringConvertible {
    case postgresRequired

    var description: String {
        "BARBELL_REQUIRE_POSTGRES=1 but BARBELL_TEST_POSTGRES_URL is not set; run the tests through scripts/with-postgres.sh"
    }
}

import BarbellData
import BarbellStore
import Foundation

/// Opens `count` separate study and experiment store instances on one fresh file or Postgres
/// schema (each with its own connections, as separate processes would have), and removes the
/// file or schema afterwards.
enum ScratchStudyStores {
    static func location(_ kind: StoreKind) throws -> (location: String, cleanup: @Sendable () async -> Void) {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-study-tests-\(UUID().uuidString)")
            return (folder.appendingPathComponent("store.sqlite").path, { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["BARBELL_TEST_POSTGRES_URL"], !url.isEmpty else {
                throw ScratchStoreError.postgresRequired
            }
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let location = url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
            return (location, {
                if let store = try? await PostgresStudyStore(url: location) {
                    try? await store.dropSchema()
                    try? await store.close()
                }
            })
        }
    }

    /// Runs `body` with `count` study stores on one scratch location.
    static func with<T: Sendable>(_ kind: StoreKind, count: Int = 1,
                                  _ body: ([any StudyStore]) async throws -> T) async throws -> T {
        let (location, cleanup) = try location(kind)
        var stores: [any StudyStore] = []
        do {
            for _ in 0..<count { stores.append(try await openStudyStore(location)) }
            let result = try await body(stores)
            for store in stores { try? await store.close() }
            await cleanup()
            return result
        } catch {
            for store in stores { try? await store.close() }
            await cleanup()
            throw error
        }
    }
}

import BarbellData
import Foundation

/// A store location parsed the way ``openMarketDataStore(_:)`` reads it, shared by the
/// study and experiment stores.
enum StoreLocation {
    case sqlite(path: String)
    case postgres(url: String)

    init(_ location: String) throws {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
            return
        }
        guard !trimmed.isEmpty else {
            throw DataError(.invalidArgument, "empty store location; give a file path or a postgres:// URL")
        }
        if lower.contains("://") {
            throw DataError(.invalidArgument, "unsupported store URL '\(PostgresLocation.redacted(trimmed))'; use a file path or a postgres:// URL")
        }
        if trimmed == "~" || trimmed.hasPrefix("~/") {
            self = .sqlite(path: FileManager.default.homeDirectoryForCurrentUser.path + trimmed.dropFirst())
        } else {
            self = .sqlite(path: trimmed)
        }
    }
}

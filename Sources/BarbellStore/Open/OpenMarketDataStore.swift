import BarbellData
import Foundation

/// The store location used when none is given: `$BARBELL_STORE` when set and not empty,
/// else `~/.barbell/barbell.sqlite`.
///
/// Either form may be a file path or a `postgres://` URL, since it is passed to
/// ``openMarketDataStore(_:)`` as is.
public var defaultStorePath: String {
    if let configured = ProcessInfo.processInfo.environment["BARBELL_STORE"], !configured.isEmpty {
        return configured
    }
    return FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".barbell", isDirectory: true)
        .appendingPathComponent("barbell.sqlite").path
}

/// Opens the store at `location`: a `postgres://` or `postgresql://` URL opens a
/// ``PostgresMarketStore``, anything else is a SQLite file path (a leading `~` means the home
/// folder; missing folders are created).
///
/// - Parameter location: A path or URL; ``defaultStorePath`` when omitted.
/// - Throws: ``DataError`` `.invalidArgument` or `.store`.
public func openMarketDataStore(_ location: String = defaultStorePath) async throws -> any MarketDataStore {
    let trimmed = location.trimmingCharacters(in: .whitespaces)
    let lower = trimmed.lowercased()
    if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
        return try await PostgresMarketStore(url: trimmed)
    }
    guard !trimmed.isEmpty else {
        throw DataError(.invalidArgument, "empty store location; give a file path or a postgres:// URL")
    }
    if lower.contains("://") {
        throw DataError(.invalidArgument, "unsupported store URL '\(PostgresLocation.redacted(trimmed))'; use a file path or a postgres:// URL")
    }
    return try SQLiteMarketStore(path: expandingTilde(trimmed))
}

/// `~` and `~/x` relative to the home folder; other paths unchanged.
private func expandingTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    return FileManager.default.homeDirectoryForCurrentUser.path + path.dropFirst()
}

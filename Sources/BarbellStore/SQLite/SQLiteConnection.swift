import BarbellData
import Foundation
import GRDB

/// Opening and error wrapping shared by the SQLite study and experiment stores.
enum SQLiteConnection {
    /// A WAL-mode pool on `path` (folders created) that waits up to a minute for another
    /// process's write lock instead of failing at once.
    static func openPool(path: String, label: String) throws -> DatabasePool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var config = Configuration()
        config.label = label
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return try DatabasePool(path: path, configuration: config)
    }

    static func storeError(_ error: any Error, path: String) -> any Error {
        if error is DataError || error is CancellationError { return error }
        return DataError(.store, "SQLite store \(path): \(error)")
    }
}

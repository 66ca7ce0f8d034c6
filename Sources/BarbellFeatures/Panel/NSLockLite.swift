import Foundation

/// A minimal mutex for the few shared counters of panel computation.
final class NSLockLite: @unchecked Sendable {
    private let lock = NSLock()
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

extension ProcessInfo {
    static var activeProcessorCountForFeatures: Int { ProcessInfo.processInfo.activeProcessorCount }
}

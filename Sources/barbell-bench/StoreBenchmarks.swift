import ArgumentParser
import BarbellData
import BarbellStore
import Foundation

/// Imports `series` into a fresh store and reads it back, reporting both rates.
func measureStore(_ label: String, bars: Int, seed: UInt64, repeats: Int, open: () async throws -> any MarketDataStore) async throws {
    var gen = SyntheticBars(seed: seed)
    let series = gen.series(count: bars)
    var bestImport = Double.infinity
    var bestRead = Double.infinity
    for _ in 0..<max(1, repeats) {
        let store = try await open()
        let imported = try await bestOfAsync(1) { try await store.importBars([series], source: "bench", replace: false) }
        bestImport = min(bestImport, imported.seconds)
        let read = try await bestOfAsync(3) { try await store.bars(symbol: series.symbol, timeframe: .oneMinute, from: nil, to: nil) }
        precondition(read.result.count == bars, "read back \(read.result.count) of \(bars) bars")
        bestRead = min(bestRead, read.seconds)
        _ = try await store.deleteSeries(symbol: series.symbol, timeframe: .oneMinute)
        try await store.close()
    }
    report("\(label) import", items: bars, seconds: bestImport, unit: "bars")
    report("\(label) read back", items: bars, seconds: bestRead, unit: "bars")
}

/// `barbell-bench sqlite`: embedded store import and read-back.
struct SQLiteStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sqlite", abstract: "SQLite store: import N bars, read them back.")

    @Option var bars = 1_000_000
    @Option var repeats = 3

    func run() async throws {
        try await measureStore("sqlite", bars: bars, seed: 1, repeats: repeats) {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-bench-\(UUID().uuidString).sqlite").path
            return try SQLiteMarketStore(path: path)
        }
    }
}

/// `barbell-bench postgres --url postgres://...`: production store import (COPY) and read-back.
struct PostgresStore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "postgres", abstract: "PostgreSQL store: import N bars via COPY, read them back.")

    @Option var bars = 1_000_000
    @Option var repeats = 3
    @Option(help: "Server URL (default: $BARBELL_TEST_POSTGRES_URL, set by scripts/with-postgres.sh).")
    var url: String?

    func run() async throws {
        guard let url = url ?? ProcessInfo.processInfo.environment["BARBELL_TEST_POSTGRES_URL"] else {
            throw ValidationError("pass --url or run under scripts/with-postgres.sh")
        }
        try await measureStore("postgres", bars: bars, seed: 1, repeats: repeats) {
            try await PostgresMarketStore(url: url)
        }
    }
}

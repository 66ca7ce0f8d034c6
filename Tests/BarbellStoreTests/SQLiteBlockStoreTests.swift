import BarbellData
import BarbellStore
import Foundation
import GRDB
import Testing

/// SQLite-only behaviour of the block layout: block edges, dates before 1970, partial
/// re-imports, and upgrading a store written with one row per bar.
@Suite("SQLite bar blocks")
struct SQLiteBlockStoreTests {
    private static func scratchPath() -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-blocks-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("bars.sqlite").path)
    }

    @Test("daily bars from 1950 to 1990 cross block edges and the epoch; every range reads back exactly")
    func blockEdgesAndEpoch() async throws {
        let (folder, path) = Self.scratchPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteMarketStore(path: path)
        // 40 years of days: about seven 2048-day blocks, one of them holding 1970-01-01.
        let series = BarFixtures.minutes("OLD", count: 14_610, start: Timestamp(year: 1950, month: 1, day: 1), timeframe: .oneDay)
        try await store.importBars([series], source: "t")
        expectIdentical(try await store.bars(symbol: "OLD", timeframe: .oneDay), series)
        let t = series.timestamps
        var rng = SplitMix64(seed: 4)
        for _ in 0..<40 {
            let a = Int(rng.next() % UInt64(t.count)), b = Int(rng.next() % UInt64(t.count))
            let (lo, hi) = (min(a, b), max(a, b))
            let got = try await store.bars(symbol: "OLD", timeframe: .oneDay, from: t[lo], to: t[hi])
            expectIdentical(got, series.selecting(rows: lo..<hi))
        }
        // Bounds between bars, and one just past the epoch.
        let epoch = try await store.bars(symbol: "OLD", timeframe: .oneDay, from: Timestamp(nanoseconds: -1), to: Timestamp(nanoseconds: 86_400_000_000_001))
        #expect(epoch.timestamps == [Timestamp(nanoseconds: 0), Timestamp(nanoseconds: 86_400_000_000_000)])
        try await store.close()
    }

    @Test("a re-import that overlaps part of a block adds only the new bars and keeps the rest")
    func partialBlockReimport() async throws {
        let (folder, path) = Self.scratchPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteMarketStore(path: path)
        let whole = BarFixtures.minutes("PART", count: 6_000, vwap: true, trades: true)
        let first = whole.selecting(rows: 0..<3_000), second = whole.selecting(rows: 2_500..<6_000)
        let a = try await store.importBars([first], source: "t")
        let b = try await store.importBars([second], source: "t")
        #expect(a.rowsInserted == 3_000)
        #expect(b.rowsInserted == 3_000 && b.rowsPresent == 500)
        expectIdentical(try await store.bars(symbol: "PART", timeframe: .oneMinute), whole)
        #expect(try await store.listSeries().first?.count == 6_000)
        #expect(try await store.deleteSeries(symbol: "PART", timeframe: .oneMinute) == 6_000)
        try await store.close()
    }

    @Test("a store written with one row per bar is moved into blocks when opened")
    func upgradeFromRows() async throws {
        let (folder, path) = Self.scratchPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let series = BarFixtures.minutes("ROWS", count: 5_000, vwap: true, trades: true)
        // The schema and rows of the first store version, written by hand.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1: series, bars, imports');
                CREATE TABLE series (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, adjustment INTEGER NOT NULL,
                    bar_count INTEGER NOT NULL, first_ts INTEGER NOT NULL, last_ts INTEGER NOT NULL,
                    has_vwap INTEGER NOT NULL, has_trade_count INTEGER NOT NULL, PRIMARY KEY (symbol, timeframe)) WITHOUT ROWID;
                CREATE TABLE bars (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL, open, high, low, close,
                    volume, vwap, trade_count INTEGER, PRIMARY KEY (symbol, timeframe, ts)) WITHOUT ROWID;
                CREATE TABLE imports (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, imported_at INTEGER NOT NULL,
                    series_count INTEGER NOT NULL, rows_given INTEGER NOT NULL, rows_inserted INTEGER NOT NULL,
                    rows_present INTEGER NOT NULL, rows_replaced INTEGER NOT NULL, content_hash TEXT NOT NULL);
                """)
            try db.execute(sql: "INSERT INTO series VALUES ('ROWS', '1m', 0, ?, ?, ?, 1, 1)",
                           arguments: [series.count, series.timestamps.first!.nanoseconds, series.timestamps.last!.nanoseconds])
            for i in 0..<series.count {
                // Row 7's volume is missing (NULL), as the row store kept NaN.
                try db.execute(sql: "INSERT INTO bars VALUES ('ROWS', '1m', ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    series.timestamps[i].nanoseconds, series.open[i], series.high[i], series.low[i], series.close[i],
                    i == 7 ? nil : series.volume[i], series.vwap![i], series.tradeCount![i]])
            }
        }
        try queue.close()
        var expected = series
        expected.volume[7] = .nan
        let store = try SQLiteMarketStore(path: path)
        expectIdentical(try await store.bars(symbol: "ROWS", timeframe: .oneMinute), expected)
        // The upgraded store keeps working: a re-import finds every bar present.
        let again = try await store.importBars([expected], source: "t")
        #expect(again.rowsPresent == 5_000 && again.rowsInserted == 0)
        try await store.close()
    }
}

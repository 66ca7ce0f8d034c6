import BarbellData
import Foundation
import GRDB
// GRDB links the system SQLite through this module; the hot loops below call the C API
// directly on GRDB's prepared statements, because building `StatementArguments` per row
// (an array of enum values) costs more than the insert itself.
import GRDBSQLite

/// A ``MarketDataStore`` in one SQLite file (WAL mode, via GRDB).
///
/// Bars live in blocks (``BarBlock``): one row per fixed span of time per series, its bars
/// packed column by column, in a `WITHOUT ROWID` table clustered on (symbol, timeframe,
/// block). A range query is a seek plus a few hundred rows and a memory copy per column.
/// Readers run concurrently with each other and with a writer (``DatabasePool``).
public final class SQLiteMarketStore: MarketDataStore {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    private let checkpoints = BackgroundCheckpoint()

    /// Opens (creating when missing) the store at `path` and brings its schema up to date.
    ///
    /// The parent folder is created when missing.
    /// - Throws: ``DataError`` `.store` when the file cannot be opened or migrated.
    public init(path: String) throws {
        self.path = path
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var config = Configuration()
            config.label = "BarbellStore"
            config.prepareDatabase { db in
                // 16 KiB pages hold four times the bars of the default 4 KiB, so bulk imports
                // split fewer pages and scans cross fewer page boundaries (10-20% faster both
                // ways here). It only takes effect when the file is created.
                try db.execute(sql: "PRAGMA page_size = 16384")
                // WAL + NORMAL never corrupts the file; a power cut may lose the last commits,
                // which a re-import restores. FULL would fsync on every import for no gain here.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                // Bulk imports touch many b-tree pages; a 64 MiB page cache keeps them hot.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                // Reading through a memory map skips a read() system call and a copy per page.
                try db.execute(sql: "PRAGMA mmap_size = 1073741824")
                // Checkpoints (copying the WAL into the file and syncing it) run in the
                // background after each write instead of inside the committing import, which
                // they would slow down by about a quarter (see `scheduleCheckpoint`).
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            }
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    // MARK: Schema

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: series, bars, imports") { db in
            // Per-series metadata, kept up to date by imports so listing never scans bars.
            try db.execute(sql: """
                CREATE TABLE series (
                    symbol TEXT NOT NULL,
                    timeframe TEXT NOT NULL,
                    adjustment INTEGER NOT NULL,
                    bar_count INTEGER NOT NULL,
                    first_ts INTEGER NOT NULL,
                    last_ts INTEGER NOT NULL,
                    has_vwap INTEGER NOT NULL,
                    has_trade_count INTEGER NOT NULL,
                    PRIMARY KEY (symbol, timeframe)
                ) WITHOUT ROWID
                """)
            // Price columns are declared without a type (BLOB affinity, values kept as bound):
            // with REAL affinity SQLite stores integral doubles as integers, turning -0.0 into
            // 0.0, and ANY means NUMERIC affinity outside STRICT tables, which does the same.
            try db.execute(sql: """
                CREATE TABLE bars (
                    symbol TEXT NOT NULL,
                    timeframe TEXT NOT NULL,
                    ts INTEGER NOT NULL,
                    open,
                    high,
                    low,
                    close,
                    volume,
                    vwap,
                    trade_count INTEGER,
                    PRIMARY KEY (symbol, timeframe, ts)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    imported_at INTEGER NOT NULL,
                    series_count INTEGER NOT NULL,
                    rows_given INTEGER NOT NULL,
                    rows_inserted INTEGER NOT NULL,
                    rows_present INTEGER NOT NULL,
                    rows_replaced INTEGER NOT NULL,
                    content_hash TEXT NOT NULL
                )
                """)
        }
        migrator.registerMigration("v2: bar blocks") { db in
            try db.execute(sql: """
                CREATE TABLE bar_blocks (
                    symbol TEXT NOT NULL,
                    timeframe TEXT NOT NULL,
                    block INTEGER NOT NULL,
                    bar_count INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    PRIMARY KEY (symbol, timeframe, block)
                ) WITHOUT ROWID
                """)
            try Self.moveRowsIntoBlocks(db)
            try db.execute(sql: "DROP TABLE bars")
        }
        return migrator
    }

    /// Rewrites the one-row-per-bar table of stores made before blocks existed.
    private static func moveRowsIntoBlocks(_ db: Database) throws {
        let stored = try Row.fetchAll(db, sql: "SELECT symbol, timeframe, has_vwap, has_trade_count FROM series")
        for row in stored {
            let symbol: String = row[0], frame: String = row[1]
            guard let timeframe = Timeframe(frame) else {
                throw DataError(.store, "stored series \(symbol) has an unknown timeframe '\(frame)'")
            }
            var series = BarSeries(symbol: Symbol(symbol), timeframe: timeframe)
            let hasVWAP: Bool = row[2], hasTrades: Bool = row[3]
            if hasVWAP { series.vwap = [] }
            if hasTrades { series.tradeCount = [] }
            let bars = try Row.fetchCursor(db, sql: """
                SELECT ts, open, high, low, close, volume, vwap, trade_count FROM bars
                WHERE symbol = ? AND timeframe = ? ORDER BY ts
                """, arguments: [symbol, frame])
            while let bar = try bars.next() {
                series.timestamps.append(Timestamp(nanoseconds: bar[0]))
                series.open.append(bar[1] ?? .nan)
                series.high.append(bar[2] ?? .nan)
                series.low.append(bar[3] ?? .nan)
                series.close.append(bar[4] ?? .nan)
                series.volume.append(bar[5] ?? .nan)
                if hasVWAP { series.vwap!.append(bar[6] ?? .nan) }
                if hasTrades { series.tradeCount!.append(bar[7] ?? -1) }
            }
            var ignored: [ImportConflict] = []
            _ = try BlockWriter(db).write(series, timeframe: timeframe, replace: false, conflicts: &ignored)
        }
    }

    // MARK: Import

    @discardableResult
    public func importBars(_ series: [BarSeries], source: String, replace: Bool) async throws -> ImportSummary {
        let timeframes = try series.validatedForImport()
        let hash = series.contentHash
        let importedAt = Timestamp(nanoseconds: Int64(Date().timeIntervalSince1970 * 1e9))
        defer { scheduleCheckpoint() }
        return try await guarded {
            // `write` wraps the closure in one transaction and rolls back on any throw, which
            // gives the all-or-nothing guarantee across every series.
            try await pool.write { db in
                var summary = ImportSummary(importID: 0, seriesCount: series.count, rowsGiven: 0, rowsInserted: 0,
                                            rowsPresent: 0, rowsReplaced: 0, contentHash: hash)
                var conflicts: [ImportConflict] = []
                var conflictCount = 0
                let writer = try BlockWriter(db)
                for (one, timeframe) in zip(series, timeframes) {
                    try Self.checkAdjustment(db, one, timeframe)
                    guard !one.isEmpty else { continue }
                    let result = try writer.write(one, timeframe: timeframe, replace: replace, conflicts: &conflicts)
                    conflictCount += result.conflicts
                    summary.rowsGiven += one.count
                    summary.rowsInserted += result.inserted
                    summary.rowsReplaced += replace ? result.conflicts : 0
                    summary.rowsPresent += one.count - result.inserted - result.conflicts
                    try Self.recordSeries(db, one, timeframe, inserted: result.inserted)
                }
                if conflictCount > 0 && !replace {
                    throw ImportConflict.error(total: conflictCount, examples: conflicts)
                }
                try db.execute(sql: """
                    INSERT INTO imports (source, imported_at, series_count, rows_given, rows_inserted, rows_present, rows_replaced, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [source, importedAt.nanoseconds, summary.seriesCount, summary.rowsGiven,
                                     summary.rowsInserted, summary.rowsPresent, summary.rowsReplaced, hash])
                summary.importID = db.lastInsertedRowID
                return summary
            }
        }
    }

    /// Fails when the series is stored with other adjustments than `series`.
    private static func checkAdjustment(_ db: Database, _ series: BarSeries, _ timeframe: Timeframe) throws {
        guard let raw = try Int.fetchOne(db, sql: "SELECT adjustment FROM series WHERE symbol = ? AND timeframe = ?",
                                         arguments: [series.symbol.name, timeframe.description]) else { return }
        let stored = PriceAdjustment(rawValue: raw)
        if stored != series.adjustment {
            throw ImportConflict.adjustmentError(symbol: series.symbol, timeframe: timeframe, stored: stored, new: series.adjustment)
        }
    }

    /// Creates or widens the series row. Every given timestamp is stored after the import
    /// (new, present or replaced), so the span grows to cover the given first and last.
    private static func recordSeries(_ db: Database, _ series: BarSeries, _ timeframe: Timeframe, inserted: Int) throws {
        let hasVWAP = series.hasStoredVWAP
        let hasTrades = series.hasStoredTradeCount
        try db.execute(sql: """
            INSERT INTO series (symbol, timeframe, adjustment, bar_count, first_ts, last_ts, has_vwap, has_trade_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (symbol, timeframe) DO UPDATE SET
                bar_count = bar_count + excluded.bar_count,
                first_ts = min(first_ts, excluded.first_ts),
                last_ts = max(last_ts, excluded.last_ts),
                has_vwap = has_vwap OR excluded.has_vwap,
                has_trade_count = has_trade_count OR excluded.has_trade_count
            """, arguments: [series.symbol.name, timeframe.description, series.adjustment.rawValue, inserted,
                             series.timestamps.first!.nanoseconds, series.timestamps.last!.nanoseconds, hasVWAP, hasTrades])
    }

    /// Merges an import into the blocks its bars fall into: each touched block is read,
    /// merged with the new bars in time order, and written back only when it changed.
    private struct BlockWriter {
        let db: Database
        let lookup: Statement
        let store: Statement

        init(_ db: Database) throws {
            self.db = db
            lookup = try db.makeStatement(sql: "SELECT data FROM bar_blocks WHERE symbol = ? AND timeframe = ? AND block = ?")
            store = try db.makeStatement(sql: """
                INSERT INTO bar_blocks (symbol, timeframe, block, bar_count, data) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (symbol, timeframe, block) DO UPDATE SET bar_count = excluded.bar_count, data = excluded.data
                """)
        }

        /// Writes one series; returns how many bars were new and how many differed from the
        /// stored ones (replaced when `replace`, else only collected into `conflicts`).
        func write(_ series: BarSeries, timeframe: Timeframe, replace: Bool,
                   conflicts: inout [ImportConflict]) throws -> (inserted: Int, conflicts: Int) {
            let span = BarBlock.span(of: timeframe)
            let hasVWAP = series.hasStoredVWAP, hasTrades = series.hasStoredTradeCount
            var inserted = 0
            var conflicting = 0
            var start = 0
            while start < series.count {
                // The run of new bars that falls into one block.
                let index = BarBlock.index(of: series.timestamps[start].nanoseconds, span: span)
                var end = start + 1
                while end < series.count && BarBlock.index(of: series.timestamps[end].nanoseconds, span: span) == index { end += 1 }
                let key: StatementArguments = [series.symbol.name, timeframe.description, index]
                let stored = try Data.fetchOne(lookup, arguments: key)
                var merged: BarBlock
                var changed = true
                if let stored {
                    let old = try stored.withUnsafeBytes { (raw) throws(DataError) in try BarBlock(decoding: raw) }
                    merged = BarBlock(vwap: hasVWAP || old.vwap != nil, tradeCount: hasTrades || old.tradeCount != nil)
                    changed = false
                    var i = 0, j = start
                    while i < old.count || j < end {
                        if j == end || (i < old.count && old.timestamps[i] < series.timestamps[j].nanoseconds) {
                            merged.append(old, i); i += 1
                        } else if i == old.count || series.timestamps[j].nanoseconds < old.timestamps[i] {
                            merged.append(series, j); j += 1
                            inserted += 1
                            changed = true
                        } else {
                            if old.holdsSame(i, as: series, j) {
                                merged.append(old, i)
                            } else {
                                conflicting += 1
                                if replace {
                                    merged.append(series, j)
                                    changed = true
                                } else {
                                    if conflicts.count < ImportConflict.reportLimit {
                                        conflicts.append(ImportConflict(symbol: series.symbol, timeframe: timeframe, timestamp: series.timestamps[j],
                                                                        storedClose: StoredValue.double(old.close[i]), newClose: series.close[j]))
                                    }
                                    merged.append(old, i)
                                }
                            }
                            i += 1; j += 1
                        }
                    }
                    // A column that appears for the first time changes the block even when
                    // no bar did.
                    if (merged.vwap != nil) != (old.vwap != nil) || (merged.tradeCount != nil) != (old.tradeCount != nil) { changed = true }
                } else {
                    merged = BarBlock(vwap: hasVWAP, tradeCount: hasTrades)
                    for j in start..<end { merged.append(series, j) }
                    inserted += end - start
                }
                if changed {
                    try store.execute(arguments: key + [merged.count, Data(merged.encoded())])
                }
                start = end
            }
            return (inserted, conflicting)
        }
    }

    // MARK: Reading

    public func bars(symbol: Symbol, timeframe: Timeframe, from: Timestamp?, to: Timestamp?) async throws -> BarSeries {
        try await guarded {
            try await pool.read { db in
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT adjustment, bar_count, has_vwap, has_trade_count FROM series WHERE symbol = ? AND timeframe = ?
                    """, arguments: [symbol.name, timeframe.description]) else {
                    throw DataError(.notFound, "no stored series \(symbol) \(timeframe)")
                }
                var out = BarSeries(symbol: symbol, timeframe: timeframe, adjustment: PriceAdjustment(rawValue: row[0]))
                let hasVWAP: Bool = row[2], hasTrades: Bool = row[3]
                if hasVWAP { out.vwap = [] }
                if hasTrades { out.tradeCount = [] }
                out.reserveCapacity(Self.expectedCount(stored: row[1], timeframe: timeframe, from: from, to: to))
                if let from, let to, to <= from { return out }
                try Self.readBlocks(db, into: &out, timeframe: timeframe, from: from?.nanoseconds, to: to?.nanoseconds)
                return out
            }
        }
    }

    /// Appends the stored bars with `from <= ts < to` (either bound optional) in time order:
    /// whole blocks are copied column by column, the two at the ends of a range trimmed.
    private static func readBlocks(_ db: Database, into out: inout BarSeries, timeframe: Timeframe, from: Int64?, to: Int64?) throws {
        let span = BarBlock.span(of: timeframe)
        var sql = "SELECT data FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2"
        var arguments: StatementArguments = [out.symbol.name, timeframe.description]
        // Bounds become block numbers so SQLite seeks on both ends of the clustered key.
        if let from { sql += " AND block >= ?3"; arguments += [BarBlock.index(of: from, span: span)] }
        if let to {
            sql += from == nil ? " AND block <= ?3" : " AND block <= ?4"
            arguments += [BarBlock.index(of: to == .min ? to : to - 1, span: span)]
        }
        sql += " ORDER BY block"
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else {
                throw DataError(.store, "SQLite error \(rc): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            let raw = UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 0), count: Int(sqlite3_column_bytes(s, 0)))
            let layout = try BarBlock.Layout(raw)
            var rows = 0..<layout.count
            // Only a block at an end of the range holds bars outside it; the others are
            // copied whole without looking at their timestamps.
            guard layout.count > 0 else { continue }
            let first = raw.loadUnaligned(fromByteOffset: layout.offset(0), as: Int64.self)
            let last = raw.loadUnaligned(fromByteOffset: layout.offset(1) - 8, as: Int64.self)
            if first < (from ?? .min) || (to != nil && last >= to!) {
                let ts: [Int64] = BarBlock.column(raw, layout.offset(0), layout.count)
                let lower = from.map { f in ts.firstIndex { $0 >= f } ?? ts.count } ?? 0
                let upper = to.map { t in ts.firstIndex { $0 >= t } ?? ts.count } ?? ts.count
                rows = lower..<Swift.max(lower, upper)
            }
            BarBlock.append(raw, layout, rows: rows, to: &out)
        }
    }

    /// A capacity for reading `[from, to)`: the stored count, or fewer when the range is
    /// shorter than the series could fill at one bar per timeframe.
    private static func expectedCount(stored: Int, timeframe: Timeframe, from: Timestamp?, to: Timestamp?) -> Int {
        guard let from, let to else { return stored }
        guard to > from else { return 0 }
        let (span, overflow) = to.nanoseconds.subtractingReportingOverflow(from.nanoseconds)
        if overflow { return stored }
        return min(stored, Int(span / timeframe.nanoseconds) + 1)
    }

    // MARK: Listing and deleting

    public func listSeries() async throws -> [StoredSeries] {
        try await guarded {
            try await pool.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT symbol, timeframe, adjustment, bar_count, first_ts, last_ts, has_vwap, has_trade_count
                    FROM series
                    """)
                return try rows.map { row -> StoredSeries in
                    let text: String = row[1]
                    guard let timeframe = Timeframe(text) else {
                        throw DataError(.store, "stored series \(row[0] as String) has an unreadable timeframe '\(text)'")
                    }
                    return StoredSeries(symbol: Symbol(row[0]), timeframe: timeframe, adjustment: PriceAdjustment(rawValue: row[2]),
                                        count: row[3], first: Timestamp(nanoseconds: row[4]), last: Timestamp(nanoseconds: row[5]),
                                        hasVWAP: row[6], hasTradeCount: row[7])
                }.sorted(by: StoredSeries.listingOrder)
            }
        }
    }

    @discardableResult
    public func deleteSeries(symbol: Symbol, timeframe: Timeframe) async throws -> Int {
        defer { scheduleCheckpoint() }
        return try await guarded {
            try await pool.write { db in
                let key: StatementArguments = [symbol.name, timeframe.description]
                try db.execute(sql: "DELETE FROM series WHERE symbol = ? AND timeframe = ?", arguments: key)
                guard db.changesCount == 1 else {
                    throw DataError(.notFound, "no stored series \(symbol) \(timeframe)")
                }
                let count = try Int.fetchOne(db, sql: "SELECT coalesce(sum(bar_count), 0) FROM bar_blocks WHERE symbol = ? AND timeframe = ?", arguments: key) ?? 0
                try db.execute(sql: "DELETE FROM bar_blocks WHERE symbol = ? AND timeframe = ?", arguments: key)
                return count
            }
        }
    }

    public func close() async throws {
        await checkpoints.finish()
        try await guarded { try pool.close() }
    }

    // MARK: Checkpoints

    /// Starts a passive checkpoint unless one is already pending.
    ///
    /// It waits for the writer, so it delays the next import rather than this one; a process
    /// that exits first loses nothing, as the next open reads the WAL. Committed imports stay
    /// in the WAL until then, as they would with SQLite's own automatic checkpoints.
    private func scheduleCheckpoint() {
        let pool = self.pool
        checkpoints.schedule {
            _ = try? await pool.writeWithoutTransaction { db in
                try db.checkpoint(.passive)
            }
        }
    }

    // MARK: Errors

    /// Runs `body`, passing ``DataError``s through and wrapping anything else (GRDB, SQLite) as
    /// `.store` so callers see one error type.
    private func guarded<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    private static func storeError(_ error: any Error, path: String) -> any Error {
        if error is DataError || error is CancellationError { return error }
        return DataError(.store, "SQLite store \(path): \(error)")
    }
}

/// SQLite's "copy the bytes now" destructor marker, which C spells as a cast of -1 and Swift
/// does not import.

/// At most one pending checkpoint task, awaited on close so the pool is idle when it closes.
private final class BackgroundCheckpoint: @unchecked Sendable {
    // Guarded by `lock`; a class with a lock because `Mutex` needs macOS 15.
    private let lock = NSLock()
    private var pending: Task<Void, Never>?
    private var closed = false

    func schedule(_ work: @escaping @Sendable () async -> Void) {
        lock.withLock {
            guard pending == nil, !closed else { return }
            pending = Task.detached(priority: .utility) { [weak self] in
                await work()
                self?.lock.withLock { self?.pending = nil }
            }
        }
    }

    func finish() async {
        let task = lock.withLock {
            closed = true
            return pending
        }
        await task?.value
    }
}

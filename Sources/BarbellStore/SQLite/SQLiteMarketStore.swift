import BarbellData
import Foundation
import GRDB
// GRDB links the system SQLite through this module; the hot loops below call the C API
// directly on GRDB's prepared statements, because building `StatementArguments` per row
// (an array of enum values) costs more than the insert itself.
import GRDBSQLite

/// A ``MarketDataStore`` in one SQLite file (WAL mode, via GRDB).
///
/// Bars live in a `WITHOUT ROWID` table clustered on (symbol, timeframe, ts), so a series is
/// one contiguous b-tree range: range queries are a single seek plus a sequential scan.
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
        migrator.registerMigration("v2: series revision") { db in
            // The id of the last import that touched the series. Reads split across
            // connections compare it to prove they saw one state of the series.
            try db.execute(sql: "ALTER TABLE series ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        }
        return migrator
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
                let writer = try RowWriter(db)
                for (one, timeframe) in zip(series, timeframes) {
                    let span = try Self.storedSpan(db, one, timeframe)
                    guard !one.isEmpty else { continue }
                    let result = try writer.write(one, timeframe: timeframe, storedSpan: span, replace: replace, conflicts: &conflicts)
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
                for (one, timeframe) in zip(series, timeframes) where !one.isEmpty {
                    try db.execute(sql: "UPDATE series SET revision = ? WHERE symbol = ? AND timeframe = ?",
                                   arguments: [summary.importID, one.symbol.name, timeframe.description])
                }
                return summary
            }
        }
    }

    /// The stored series' [first, last] timestamps, nil when it is not stored; fails when it
    /// is stored with other adjustments than `series`.
    private static func storedSpan(_ db: Database, _ series: BarSeries, _ timeframe: Timeframe) throws -> ClosedRange<Int64>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT adjustment, first_ts, last_ts FROM series WHERE symbol = ? AND timeframe = ?",
                                         arguments: [series.symbol.name, timeframe.description]) else { return nil }
        let stored = PriceAdjustment(rawValue: row[0])
        if stored != series.adjustment {
            throw ImportConflict.adjustmentError(symbol: series.symbol, timeframe: timeframe, stored: stored, new: series.adjustment)
        }
        return (row[1] as Int64)...(row[2] as Int64)
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

    /// Three prepared statements reused for every row of an import: insert-if-absent, and only
    /// for keys already present, a lookup to compare and an update to replace.
    private struct RowWriter {
        let db: Database
        let insert: Statement
        let lookup: Statement
        let update: Statement

        init(_ db: Database) throws {
            self.db = db
            // Parameters ?1...?10 are numbered identically in insert and update so one bind
            // routine serves both.
            insert = try db.makeStatement(sql: """
                INSERT INTO bars (symbol, timeframe, ts, open, high, low, close, volume, vwap, trade_count)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING
                """)
            update = try db.makeStatement(sql: """
                UPDATE bars SET open = ?4, high = ?5, low = ?6, close = ?7, volume = ?8, vwap = ?9, trade_count = ?10
                WHERE symbol = ?1 AND timeframe = ?2 AND ts = ?3
                """)
            lookup = try db.makeStatement(sql: """
                SELECT open, high, low, close, volume, vwap, trade_count FROM bars
                WHERE symbol = ?1 AND timeframe = ?2 AND ts = ?3
                """)
        }

        /// Writes one series; returns how many rows were new and how many differed from the
        /// stored ones (replaced when `replace`, else only collected into `conflicts`).
        ///
        /// Bars inside the stored span are looked up first, so a re-import costs one probe per
        /// bar instead of a failed insert plus a probe; bars outside it cannot exist and are
        /// inserted straight away.
        func write(_ series: BarSeries, timeframe: Timeframe, storedSpan: ClosedRange<Int64>?, replace: Bool,
                   conflicts: inout [ImportConflict]) throws -> (inserted: Int, conflicts: Int) {
            let connection = db.sqliteConnection
            let ins = insert.sqliteStatement, upd = update.sqliteStatement, look = lookup.sqliteStatement
            // Text bindings survive sqlite3_reset, so the key prefix is bound once per series.
            for statement in [ins, upd, look] {
                try bindText(statement, 1, series.symbol.name)
                try bindText(statement, 2, timeframe.description)
            }
            var inserted = 0
            var conflicting = 0
            let vwap = series.vwap, trades = series.tradeCount
            for i in 0..<series.count {
                let ts = series.timestamps[i].nanoseconds
                if storedSpan?.contains(ts) ?? false {
                    sqlite3_bind_int64(look, 3, ts)
                    let rc = sqlite3_step(look)
                    if rc == SQLITE_ROW {
                        let same = sameRow(look, series, i, vwap, trades)
                        let storedClose = Self.double(look, 3)
                        sqlite3_reset(look)
                        if same { continue }
                        conflicting += 1
                        if replace {
                            bindRow(upd, ts, series, i, vwap, trades)
                            try step(upd)
                        } else if conflicts.count < ImportConflict.reportLimit {
                            conflicts.append(ImportConflict(symbol: series.symbol, timeframe: timeframe, timestamp: series.timestamps[i],
                                                            storedClose: storedClose, newClose: series.close[i]))
                        }
                        continue
                    }
                    sqlite3_reset(look)
                    guard rc == SQLITE_DONE else { throw sqliteError(rc) }
                }
                bindRow(ins, ts, series, i, vwap, trades)
                try step(ins)
                // ON CONFLICT DO NOTHING plus this check keep a stale span from ever
                // miscounting: a bar that was not inserted must have been found above.
                guard sqlite3_changes(connection) == 1 else {
                    throw DataError(.store, "bar \(series.symbol) \(timeframe) \(series.timestamps[i]) is stored outside the series' recorded span")
                }
                inserted += 1
            }
            return (inserted, conflicting)
        }

        @inline(__always)
        private func bindRow(_ s: OpaquePointer, _ ts: Int64, _ series: BarSeries, _ i: Int, _ vwap: [Double]?, _ trades: [Int64]?) {
            sqlite3_bind_int64(s, 3, ts)
            Self.bind(s, 4, series.open[i])
            Self.bind(s, 5, series.high[i])
            Self.bind(s, 6, series.low[i])
            Self.bind(s, 7, series.close[i])
            Self.bind(s, 8, series.volume[i])
            Self.bind(s, 9, vwap?[i] ?? .nan)
            if let count = trades.flatMap({ StoredValue.tradeCount($0[i]) }) {
                sqlite3_bind_int64(s, 10, count)
            } else {
                sqlite3_bind_null(s, 10)
            }
        }

        @inline(__always)
        private func sameRow(_ s: OpaquePointer, _ series: BarSeries, _ i: Int, _ vwap: [Double]?, _ trades: [Int64]?) -> Bool {
            let storedTrades: Int64? = sqlite3_column_type(s, 6) == SQLITE_NULL ? nil : sqlite3_column_int64(s, 6)
            return StoredValue.same(Self.double(s, 0), series.open[i])
                && StoredValue.same(Self.double(s, 1), series.high[i])
                && StoredValue.same(Self.double(s, 2), series.low[i])
                && StoredValue.same(Self.double(s, 3), series.close[i])
                && StoredValue.same(Self.double(s, 4), series.volume[i])
                && StoredValue.same(Self.double(s, 5), vwap?[i] ?? .nan)
                && storedTrades == trades.flatMap({ StoredValue.tradeCount($0[i]) })
        }

        @inline(__always)
        static func bind(_ s: OpaquePointer, _ index: Int32, _ value: Double) {
            if value.isNaN { sqlite3_bind_null(s, index) } else { sqlite3_bind_double(s, index, value) }
        }

        @inline(__always)
        static func double(_ s: OpaquePointer, _ column: Int32) -> Double? {
            sqlite3_column_type(s, column) == SQLITE_NULL ? nil : sqlite3_column_double(s, column)
        }

        private func bindText(_ s: OpaquePointer, _ index: Int32, _ text: String) throws {
            let rc = text.withCString { sqlite3_bind_text(s, index, $0, -1, sqliteTransient) }
            guard rc == SQLITE_OK else { throw sqliteError(rc) }
        }

        @inline(__always)
        private func step(_ s: OpaquePointer) throws {
            let rc = sqlite3_step(s)
            sqlite3_reset(s)
            guard rc == SQLITE_DONE else { throw sqliteError(rc) }
        }

        private func sqliteError(_ rc: Int32) -> DataError {
            DataError(.store, "SQLite error \(rc): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
        }
    }

    // MARK: Reading

    public func bars(symbol: Symbol, timeframe: Timeframe, from: Timestamp?, to: Timestamp?) async throws -> BarSeries {
        try await guarded {
            let info = try await pool.read { db in try Self.storedSeries(db, symbol, timeframe) }
            let expected = Self.expectedCount(stored: info.count, timeframe: timeframe, from: from, to: to)
            // Long reads are split in time across two connections: stepping SQLite rows is
            // the cost, and it halves. Each part reads the series revision in its own
            // transaction; parts that saw different revisions (an import landed between
            // them) are thrown away and the range is read again in one transaction.
            if expected >= Self.splitReadBars && ProcessInfo.processInfo.activeProcessorCount > 1 {
                let lower = Swift.max(from?.nanoseconds ?? info.first, info.first)
                // [lower, upper) covers the stored bars wanted; `to` is already exclusive.
                let (afterLast, overflow) = info.last.addingReportingOverflow(1)
                let upper = Swift.min(to?.nanoseconds ?? afterLast, afterLast)
                if !overflow && upper > lower {
                    let middle = lower + (upper - lower) / 2
                    // The head is sized for both parts so the tail is appended without regrowing it.
                    async let head = readPart(symbol, timeframe, lower, middle, capacity: expected)
                    async let tail = readPart(symbol, timeframe, middle, upper, capacity: expected / 2 + 1024)
                    let (first, second) = try await (head, tail)
                    if first.revision == info.revision && second.revision == info.revision {
                        var out = first.bars
                        out.append(contentsOf: second.bars)
                        return out
                    }
                }
            }
            return try await pool.read { db in
                let info = try Self.storedSeries(db, symbol, timeframe)
                return try Self.readRange(db, symbol, timeframe, info, from: from?.nanoseconds, to: to?.nanoseconds, capacity: expected)
            }
        }
    }

    /// Reads at least this many bars as two concurrent parts.
    static let splitReadBars = 200_000

    /// One part of a split read, with the revision its transaction saw.
    private func readPart(_ symbol: Symbol, _ timeframe: Timeframe, _ from: Int64, _ to: Int64, capacity: Int) async throws -> (revision: Int64, bars: BarSeries) {
        try await pool.read { db in
            let info = try Self.storedSeries(db, symbol, timeframe)
            return (info.revision, try Self.readRange(db, symbol, timeframe, info, from: from, to: to, capacity: capacity))
        }
    }

    /// What the `series` row says about a stored series.
    struct SeriesInfo {
        var adjustment: PriceAdjustment
        var count: Int
        var first: Int64
        var last: Int64
        var hasVWAP: Bool
        var hasTradeCount: Bool
        var revision: Int64
    }

    private static func storedSeries(_ db: Database, _ symbol: Symbol, _ timeframe: Timeframe) throws -> SeriesInfo {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT adjustment, bar_count, first_ts, last_ts, has_vwap, has_trade_count, revision
            FROM series WHERE symbol = ? AND timeframe = ?
            """, arguments: [symbol.name, timeframe.description]) else {
            throw DataError(.notFound, "no stored series \(symbol) \(timeframe)")
        }
        return SeriesInfo(adjustment: PriceAdjustment(rawValue: row[0]), count: row[1], first: row[2], last: row[3],
                          hasVWAP: row[4], hasTradeCount: row[5], revision: row[6])
    }

    /// The stored bars with `from <= ts < to` (either bound optional), in time order.
    private static func readRange(_ db: Database, _ symbol: Symbol, _ timeframe: Timeframe, _ info: SeriesInfo,
                                  from: Int64?, to: Int64?, capacity: Int) throws -> BarSeries {
        var out = BarSeries(symbol: symbol, timeframe: timeframe, adjustment: info.adjustment)
        // Bounds are spelled into the SQL only when given so SQLite seeks on both ends of
        // the clustered key instead of filtering rows.
        // Optional columns the series never had are not selected: each column read is a
        // step of SQLite's virtual machine per row.
        var sql = "SELECT ts, open, high, low, close, volume"
        if info.hasVWAP { sql += ", vwap" }
        if info.hasTradeCount { sql += ", trade_count" }
        sql += " FROM bars WHERE symbol = ?1 AND timeframe = ?2"
        if from != nil { sql += " AND ts >= ?3" }
        if to != nil { sql += " AND ts < ?4" }
        sql += " ORDER BY ts"
        let statement = try db.makeStatement(sql: sql)
        // Exactly as many arguments as the highest parameter number in the SQL.
        var arguments: StatementArguments = [symbol.name, timeframe.description]
        if from != nil || to != nil { arguments += [from] }
        if to != nil { arguments += [to] }
        try statement.setArguments(arguments)
        try readRows(statement.sqliteStatement, db, into: &out, capacity: capacity, vwap: info.hasVWAP, trades: info.hasTradeCount)
        return out
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

    /// Steps the query and appends each row straight into local column arrays.
    ///
    /// Local arrays with reserved capacity make each append a store and an increment; NULL
    /// (missing) reads back from `sqlite3_column_double` as 0.0, so the column type is only
    /// asked for zeros instead of for every value.
    private static func readRows(_ s: OpaquePointer, _ db: Database, into out: inout BarSeries,
                                 capacity: Int, vwap hasVWAP: Bool, trades hasTrades: Bool) throws {
        defer { sqlite3_reset(s) }
        @inline(__always) func double(_ column: Int32) -> Double {
            let value = sqlite3_column_double(s, column)
            return value == 0 && sqlite3_column_type(s, column) == SQLITE_NULL ? .nan : value
        }
        var ts: [Timestamp] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
        var volume: [Double] = [], vwap: [Double] = [], trades: [Int64] = []
        ts.reserveCapacity(capacity)
        open.reserveCapacity(capacity)
        high.reserveCapacity(capacity)
        low.reserveCapacity(capacity)
        close.reserveCapacity(capacity)
        volume.reserveCapacity(capacity)
        if hasVWAP { vwap.reserveCapacity(capacity) }
        if hasTrades { trades.reserveCapacity(capacity) }
        while true {
            let rc = sqlite3_step(s)
            if rc != SQLITE_ROW {
                guard rc == SQLITE_DONE else {
                    throw DataError(.store, "SQLite error \(rc): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
                }
                break
            }
            ts.append(Timestamp(nanoseconds: sqlite3_column_int64(s, 0)))
            open.append(double(1))
            high.append(double(2))
            low.append(double(3))
            close.append(double(4))
            volume.append(double(5))
            if hasVWAP { vwap.append(double(6)) }
            if hasTrades {
                let column: Int32 = hasVWAP ? 7 : 6
                trades.append(sqlite3_column_type(s, column) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, column))
            }
        }
        out.timestamps = ts
        out.open = open
        out.high = high
        out.low = low
        out.close = close
        out.volume = volume
        out.vwap = hasVWAP ? vwap : nil
        out.tradeCount = hasTrades ? trades : nil
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
                try db.execute(sql: "DELETE FROM bars WHERE symbol = ? AND timeframe = ?", arguments: key)
                return db.changesCount
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
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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

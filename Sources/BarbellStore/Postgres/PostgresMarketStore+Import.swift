import BarbellData
import Foundation
import Logging
import PostgresNIO

extension PostgresMarketStore {
    /// Imports through a staging table: COPY every row into a temporary table, compare it with
    /// the stored rows in one join, then move it with a single `INSERT ... SELECT`.
    ///
    /// COPY is an order of magnitude faster than row-wise INSERTs, and doing the comparison in
    /// the server keeps the stored rows from crossing the network.
    @discardableResult
    public func importBars(_ series: [BarSeries], source: String, replace: Bool) async throws -> ImportSummary {
        let timeframes = try series.validatedForImport()
        let hash = series.contentHash
        let importedAt = Int64(Date().timeIntervalSince1970 * 1e9)
        let logger = self.logger
        return try await guarded {
            try await client.withTransaction(logger: logger) { connection in
                try await checkAdjustments(connection, series, timeframes)
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TEMPORARY TABLE barbell_staging (LIKE \(table("bars")) INCLUDING DEFAULTS) ON COMMIT DROP
                    """), logger: logger)
                try await connection.copyFrom(table: "barbell_staging", columns: PostgresCopyEncoder.columns, logger: logger) { writer in
                    try await PostgresCopyEncoder.encode(series, timeframes: timeframes) { try await writer.write($0) }
                }
                // Without statistics the planner guesses the staging table is tiny and picks
                // nested loops that crawl on a million rows.
                try await connection.query("ANALYZE barbell_staging", logger: logger)
                let overlap = try await compareWithStored(connection)
                if overlap.conflicts > 0 && !replace {
                    throw try await conflictError(connection, total: overlap.conflicts)
                }
                try await moveStaged(connection, replace: replace)
                try await recordSeries(connection, series, timeframes, matched: overlap.matchedBySeries)

                let given = series.reduce(0) { $0 + $1.count }
                let matched = overlap.matchedBySeries.values.reduce(0, +)
                var summary = ImportSummary(importID: 0, seriesCount: series.count, rowsGiven: given,
                                            rowsInserted: given - matched, rowsPresent: matched - overlap.conflicts,
                                            rowsReplaced: replace ? overlap.conflicts : 0, contentHash: hash)
                let rows = try await connection.query("""
                    INSERT INTO \(unescaped: table("imports")) (source, imported_at, series_count, rows_given, rows_inserted, rows_present, rows_replaced, content_hash)
                    VALUES (\(source), \(importedAt), \(Int32(summary.seriesCount)), \(Int64(summary.rowsGiven)), \(Int64(summary.rowsInserted)),
                            \(Int64(summary.rowsPresent)), \(Int64(summary.rowsReplaced)), \(hash))
                    RETURNING id
                    """, logger: logger).collect()
                summary.importID = try rows.first?.decode(Int64.self) ?? 0
                return summary
            }
        }
    }

    /// Locks the imported series against concurrent imports, then fails when one is stored
    /// with other adjustments than the import's.
    ///
    /// Without the lock two imports of the same new bars would both count them as new (each
    /// compares before the other commits) and the stored bar counts would drift. Locks are
    /// taken in hash order so two imports of overlapping sets cannot deadlock.
    private func checkAdjustments(_ connection: PostgresConnection, _ series: [BarSeries], _ timeframes: [Timeframe]) async throws {
        let symbols = series.map(\.symbol.name), tfs = timeframes.map(\.description)
        try await connection.query("""
            SELECT pg_advisory_xact_lock(h) FROM (
                SELECT DISTINCT hashtextextended(\(location.schema) || chr(31) || symbol || chr(31) || timeframe, 0) AS h
                FROM unnest(\(symbols)::text[], \(tfs)::text[]) AS k(symbol, timeframe)
                ORDER BY h
            ) AS keys
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT s.symbol, s.timeframe, s.adjustment
            FROM \(unescaped: table("series")) s
            JOIN unnest(\(symbols)::text[], \(tfs)::text[]) AS k(symbol, timeframe)
              ON s.symbol = k.symbol AND s.timeframe = k.timeframe
            """, logger: logger)
        var stored: [SeriesKey: PriceAdjustment] = [:]
        for try await (symbol, timeframe, adjustment) in rows.decode((String, String, Int32).self) {
            if let tf = Timeframe(timeframe) { stored[SeriesKey(symbol: Symbol(symbol), timeframe: tf)] = PriceAdjustment(rawValue: Int(adjustment)) }
        }
        for (one, timeframe) in zip(series, timeframes) {
            if let existing = stored[SeriesKey(symbol: one.symbol, timeframe: timeframe)], existing != one.adjustment {
                throw ImportConflict.adjustmentError(symbol: one.symbol, timeframe: timeframe, stored: existing, new: one.adjustment)
            }
        }
    }

    /// The SQL condition "stored row `b` differs from staged row `s`"; NULLs compare equal.
    private static let rowsDiffer = """
        (b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trade_count)
          IS DISTINCT FROM (s.open, s.high, s.low, s.close, s.volume, s.vwap, s.trade_count)
        """

    /// Staged rows whose key is already stored, per series, and how many of them differ.
    ///
    /// Only staged rows inside a stored series' [first, last] span can match, so appending new
    /// bars (the common case) skips the index probes entirely.
    private func compareWithStored(_ connection: PostgresConnection) async throws -> (matchedBySeries: [SeriesKey: Int], conflicts: Int) {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT s.symbol, s.timeframe, count(*), count(*) FILTER (WHERE \(Self.rowsDiffer))
            FROM barbell_staging s
            JOIN \(table("series")) r ON r.symbol = s.symbol AND r.timeframe = s.timeframe AND s.ts BETWEEN r.first_ts AND r.last_ts
            JOIN \(table("bars")) b ON b.symbol = s.symbol AND b.timeframe = s.timeframe AND b.ts = s.ts
            GROUP BY s.symbol, s.timeframe
            """), logger: logger)
        var matched: [SeriesKey: Int] = [:]
        var conflicts = 0
        for try await (symbol, timeframe, count, differing) in rows.decode((String, String, Int64, Int64).self) {
            guard let tf = Timeframe(timeframe) else { continue }
            matched[SeriesKey(symbol: Symbol(symbol), timeframe: tf)] = Int(count)
            conflicts += Int(differing)
        }
        return (matched, conflicts)
    }

    /// The conflict error, listing the first few differing rows.
    private func conflictError(_ connection: PostgresConnection, total: Int) async throws -> DataError {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT s.symbol, s.timeframe, s.ts, b.close, s.close
            FROM barbell_staging s
            JOIN \(table("bars")) b ON b.symbol = s.symbol AND b.timeframe = s.timeframe AND b.ts = s.ts
            WHERE \(Self.rowsDiffer)
            ORDER BY s.symbol, s.timeframe, s.ts
            LIMIT \(ImportConflict.reportLimit)
            """), logger: logger)
        var examples: [ImportConflict] = []
        for try await (symbol, timeframe, ts, stored, new) in rows.decode((String, String, Int64, Double?, Double?).self) {
            guard let tf = Timeframe(timeframe) else { continue }
            examples.append(ImportConflict(symbol: Symbol(symbol), timeframe: tf, timestamp: Timestamp(nanoseconds: ts),
                                           storedClose: stored, newClose: new ?? .nan))
        }
        return ImportConflict.error(total: total, examples: examples)
    }

    /// Moves staged rows into `bars`: new keys are inserted; existing keys are left alone, or
    /// overwritten when `replace` and their values differ.
    private func moveStaged(_ connection: PostgresConnection, replace: Bool) async throws {
        let columns = PostgresCopyEncoder.columns.joined(separator: ", ")
        let onConflict = replace ? """
            DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close,
                volume = excluded.volume, vwap = excluded.vwap, trade_count = excluded.trade_count
            WHERE (b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trade_count)
                IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume, excluded.vwap, excluded.trade_count)
            """ : "DO NOTHING"
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO \(table("bars")) AS b (\(columns))
            SELECT \(columns) FROM barbell_staging
            ON CONFLICT (symbol, timeframe, ts) \(onConflict)
            """), logger: logger)
    }

    /// Creates or widens each series row: every given timestamp is stored after the import, so
    /// the span grows to cover the given first and last, and the count grows by the new rows.
    private func recordSeries(_ connection: PostgresConnection, _ series: [BarSeries], _ timeframes: [Timeframe],
                              matched: [SeriesKey: Int]) async throws {
        var symbols: [String] = [], tfs: [String] = [], adjustments: [Int32] = [], counts: [Int64] = []
        var firsts: [Int64] = [], lasts: [Int64] = [], vwaps: [Bool] = [], trades: [Bool] = []
        for (one, timeframe) in zip(series, timeframes) where !one.isEmpty {
            symbols.append(one.symbol.name)
            tfs.append(timeframe.description)
            adjustments.append(Int32(one.adjustment.rawValue))
            counts.append(Int64(one.count - (matched[SeriesKey(symbol: one.symbol, timeframe: timeframe)] ?? 0)))
            firsts.append(one.timestamps.first!.nanoseconds)
            lasts.append(one.timestamps.last!.nanoseconds)
            vwaps.append(one.hasStoredVWAP)
            trades.append(one.hasStoredTradeCount)
        }
        guard !symbols.isEmpty else { return }
        try await connection.query("""
            INSERT INTO \(unescaped: table("series")) AS r (symbol, timeframe, adjustment, bar_count, first_ts, last_ts, has_vwap, has_trade_count)
            SELECT * FROM unnest(\(symbols)::text[], \(tfs)::text[], \(adjustments)::integer[], \(counts)::bigint[],
                                 \(firsts)::bigint[], \(lasts)::bigint[], \(vwaps)::boolean[], \(trades)::boolean[])
            ON CONFLICT (symbol, timeframe) DO UPDATE SET
                bar_count = r.bar_count + excluded.bar_count,
                first_ts = least(r.first_ts, excluded.first_ts),
                last_ts = greatest(r.last_ts, excluded.last_ts),
                has_vwap = r.has_vwap OR excluded.has_vwap,
                has_trade_count = r.has_trade_count OR excluded.has_trade_count
            """, logger: logger)
    }
}

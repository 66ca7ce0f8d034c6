import BarbellData
import Foundation
import Logging
import PostgresNIO

extension PostgresMarketStore {
    /// Imports with COPY, in one transaction.
    ///
    /// A series whose new bars all lie outside its stored [first, last] span cannot collide
    /// with a stored bar (timestamps are unique within a series), so it is copied straight into
    /// `bars`: fresh series and appended days, the common cases, pay for nothing else. The
    /// other series go through a temporary staging table, are compared with the stored rows
    /// in one join, and only then moved.
    ///
    /// COPY is an order of magnitude faster than row-wise INSERTs, and comparing in the server
    /// keeps the stored rows from crossing the network. Plain INSERTs are used wherever a key
    /// cannot exist yet, because `ON CONFLICT` costs about three times as much per row.
    @discardableResult
    public func importBars(_ series: [BarSeries], source: String, replace: Bool) async throws -> ImportSummary {
        let timeframes = try series.validatedForImport()
        let hash = series.contentHash
        let importedAt = Int64(Date().timeIntervalSince1970 * 1e9)
        let logger = self.logger
        return try await guarded {
            try await client.withTransaction(logger: logger) { connection in
                let stored = try await lockSeries(connection, series, timeframes)
                var direct: [(BarSeries, Timeframe)] = [], staged: [(BarSeries, Timeframe)] = []
                for (one, timeframe) in zip(series, timeframes) {
                    let key = SeriesKey(symbol: one.symbol, timeframe: timeframe)
                    if let existing = stored[key], existing.adjustment != one.adjustment {
                        throw ImportConflict.adjustmentError(symbol: one.symbol, timeframe: timeframe,
                                                             stored: existing.adjustment, new: one.adjustment)
                    }
                    if one.isEmpty { continue }
                    if let span = stored[key]?.span, one.timestamps.last! >= span.lowerBound, one.timestamps.first! <= span.upperBound {
                        staged.append((one, timeframe))
                    } else {
                        direct.append((one, timeframe))
                    }
                }
                if !direct.isEmpty {
                    try await copy(direct, into: .bars, connection)
                }
                var overlap = Overlap()
                if !staged.isEmpty {
                    overlap = try await importOverlapping(staged, replace: replace, connection)
                }
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

    /// What a stored series looks like to an import.
    private struct StoredState {
        var adjustment: PriceAdjustment
        var span: ClosedRange<Timestamp>
    }

    /// How the staged rows relate to the stored ones.
    private struct Overlap {
        /// Per series, staged rows whose key is already stored.
        var matchedBySeries: [SeriesKey: Int] = [:]
        /// Staged rows whose key is stored with different values.
        var conflicts = 0
    }

    /// Locks the imported series against concurrent imports and returns those already stored.
    ///
    /// Without the lock two imports of the same new bars would both count them as new (each
    /// looks before the other commits) and the plain INSERTs would collide. Locks are taken in
    /// hash order so two imports of overlapping sets cannot deadlock.
    private func lockSeries(_ connection: PostgresConnection, _ series: [BarSeries],
                            _ timeframes: [Timeframe]) async throws -> [SeriesKey: StoredState] {
        let symbols = series.map(\.symbol.name), tfs = timeframes.map(\.description)
        try await connection.query("""
            SELECT pg_advisory_xact_lock(h) FROM (
                SELECT DISTINCT hashtextextended(\(location.schema) || chr(31) || symbol || chr(31) || timeframe, 0) AS h
                FROM unnest(\(symbols)::text[], \(tfs)::text[]) AS k(symbol, timeframe)
                ORDER BY h
            ) AS keys
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT s.symbol, s.timeframe, s.adjustment, s.first_ts, s.last_ts
            FROM \(unescaped: table("series")) s
            JOIN unnest(\(symbols)::text[], \(tfs)::text[]) AS k(symbol, timeframe)
              ON s.symbol = k.symbol AND s.timeframe = k.timeframe
            """, logger: logger)
        var stored: [SeriesKey: StoredState] = [:]
        for try await (symbol, timeframe, adjustment, first, last) in rows.decode((String, String, Int32, Int64, Int64).self) {
            guard let tf = Timeframe(timeframe) else { continue }
            stored[SeriesKey(symbol: Symbol(symbol), timeframe: tf)] = StoredState(
                adjustment: PriceAdjustment(rawValue: Int(adjustment)),
                span: Timestamp(nanoseconds: first)...Timestamp(nanoseconds: last))
        }
        return stored
    }

    /// Where a COPY writes.
    private enum CopyTarget {
        /// The store's `bars` table.
        case bars
        /// The transaction's temporary `barbell_staging` table.
        case staging
    }

    /// Streams the series into `target` with COPY.
    private func copy(_ series: [(BarSeries, Timeframe)], into target: CopyTarget, _ connection: PostgresConnection) async throws {
        // copyFrom quotes the name it is given as one identifier, so the schema's `bars` is
        // reached through a transaction-local search_path (temporary tables are found first
        // whatever the path).
        if target == .bars {
            try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(quotedSchema)"), logger: logger)
        }
        try await connection.copyFrom(table: target == .bars ? "bars" : "barbell_staging",
                                      columns: PostgresCopyEncoder.columns, logger: logger) { writer in
            try await PostgresCopyEncoder.encode(series.map(\.0), timeframes: series.map(\.1)) { try await writer.write($0) }
        }
        if target == .bars {
            try await connection.query("SET LOCAL search_path TO DEFAULT", logger: logger)
        }
    }

    /// Imports series that overlap their stored span through a staging table.
    private func importOverlapping(_ series: [(BarSeries, Timeframe)], replace: Bool,
                                   _ connection: PostgresConnection) async throws -> Overlap {
        try await connection.query(PostgresQuery(unsafeSQL: """
            CREATE TEMPORARY TABLE barbell_staging (LIKE \(table("bars")) INCLUDING DEFAULTS) ON COMMIT DROP
            """), logger: logger)
        try await copy(series, into: .staging, connection)
        // Without statistics the planner guesses the staging table is tiny and picks plans
        // that crawl on a million rows.
        try await connection.query("ANALYZE barbell_staging", logger: logger)
        // The comparison sorts and groups up to every staged row; the default 4 MB work_mem
        // would spill that to disk.
        try await connection.query("SET LOCAL work_mem = '256MB'", logger: logger)

        // Per series: staged rows inside the stored span, how many of those are stored, and
        // how many of those differ. Rows outside the span cannot be stored yet.
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT s.symbol, s.timeframe, count(*), count(b.ts), count(*) FILTER (WHERE b.ts IS NOT NULL AND \(Self.rowsDiffer))
            FROM barbell_staging s
            JOIN \(table("series")) r ON r.symbol = s.symbol AND r.timeframe = s.timeframe AND s.ts BETWEEN r.first_ts AND r.last_ts
            LEFT JOIN \(table("bars")) b ON b.symbol = s.symbol AND b.timeframe = s.timeframe AND b.ts = s.ts
            GROUP BY s.symbol, s.timeframe
            """), logger: logger)
        var overlap = Overlap()
        var inSpan = 0
        for try await (symbol, timeframe, spanned, matched, differing) in rows.decode((String, String, Int64, Int64, Int64).self) {
            guard let tf = Timeframe(timeframe) else { continue }
            overlap.matchedBySeries[SeriesKey(symbol: Symbol(symbol), timeframe: tf)] = Int(matched)
            overlap.conflicts += Int(differing)
            inSpan += Int(spanned)
        }
        if overlap.conflicts > 0 && !replace {
            throw try await conflictError(connection, total: overlap.conflicts)
        }

        let columns = PostgresCopyEncoder.columns.joined(separator: ", ")
        let staged = PostgresCopyEncoder.columns.map { "s.\($0)" }.joined(separator: ", ")
        // Outside the span: keys that cannot exist, so a plain INSERT.
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO \(table("bars")) (\(columns))
            SELECT \(staged) FROM barbell_staging s
            JOIN \(table("series")) r ON r.symbol = s.symbol AND r.timeframe = s.timeframe
            WHERE s.ts < r.first_ts OR s.ts > r.last_ts
            """), logger: logger)
        // Inside the span: gaps in the stored series, only when there are any.
        let matched = overlap.matchedBySeries.values.reduce(0, +)
        if inSpan > matched {
            try await connection.query(PostgresQuery(unsafeSQL: """
                INSERT INTO \(table("bars")) (\(columns))
                SELECT \(staged) FROM barbell_staging s
                JOIN \(table("series")) r ON r.symbol = s.symbol AND r.timeframe = s.timeframe AND s.ts BETWEEN r.first_ts AND r.last_ts
                ON CONFLICT (symbol, timeframe, ts) DO NOTHING
                """), logger: logger)
        }
        if replace && overlap.conflicts > 0 {
            try await connection.query(PostgresQuery(unsafeSQL: """
                UPDATE \(table("bars")) AS b SET open = s.open, high = s.high, low = s.low, close = s.close,
                    volume = s.volume, vwap = s.vwap, trade_count = s.trade_count
                FROM barbell_staging s
                WHERE b.symbol = s.symbol AND b.timeframe = s.timeframe AND b.ts = s.ts AND \(Self.rowsDiffer)
                """), logger: logger)
        }
        return overlap
    }

    /// The SQL condition "stored row `b` differs from staged row `s`"; NULLs compare equal.
    private static let rowsDiffer = """
        (b.open, b.high, b.low, b.close, b.volume, b.vwap, b.trade_count)
          IS DISTINCT FROM (s.open, s.high, s.low, s.close, s.volume, s.vwap, s.trade_count)
        """

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

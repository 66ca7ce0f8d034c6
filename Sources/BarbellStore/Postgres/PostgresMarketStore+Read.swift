import BarbellData
import PostgresNIO

extension PostgresMarketStore {
    public func bars(symbol: Symbol, timeframe: Timeframe, from: Timestamp?, to: Timestamp?) async throws -> BarSeries {
        let logger = self.logger
        return try await guarded {
            // One connection for both queries, in a read-only transaction: the metadata and the
            // rows then come from one snapshot even while an import commits in between.
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                // The right plan is always an ordered range scan of the primary key. Right after
                // a bulk import, before autovacuum has analysed `bars`, the planner expects a
                // handful of rows and picks a bitmap scan plus a sort that spills to disk.
                try await connection.query("SET LOCAL enable_bitmapscan = off", logger: logger)
                try await connection.query("SET LOCAL enable_seqscan = off", logger: logger)
                let meta = try await connection.query("""
                    SELECT adjustment, bar_count, has_vwap, has_trade_count FROM \(unescaped: table("series"))
                    WHERE symbol = \(symbol.name) AND timeframe = \(timeframe.description)
                    """, logger: logger).collect()
                guard let row = meta.first else {
                    throw DataError(.notFound, "no stored series \(symbol) \(timeframe)")
                }
                let (adjustment, count, hasVWAP, hasTrades) = try row.decode((Int32, Int64, Bool, Bool).self)
                var out = BarSeries(symbol: symbol, timeframe: timeframe, adjustment: PriceAdjustment(rawValue: Int(adjustment)))
                if hasVWAP { out.vwap = [] }
                if hasTrades { out.tradeCount = [] }
                if from == nil && to == nil {
                    out.reserveCapacity(Int(count))
                    out.vwap?.reserveCapacity(Int(count))
                    out.tradeCount?.reserveCapacity(Int(count))
                }
                try await readChunks(connection, symbol: symbol, timeframe: timeframe, from: from, to: to,
                                     vwap: hasVWAP, trades: hasTrades, into: &out)
                return out
            }
        }
    }

    /// Rows fetched per query when reading bars.
    static let readChunkRows = 250_000

    /// Reads the bars in chunks of whole columns: each query returns one row of arrays.
    ///
    /// Decoding a million single rows costs several microseconds each in PostgresNIO; arrays
    /// decoded by ``PostgresBinaryArray`` cost nanoseconds per value. Chunking bounds each message (~25 MB) far below
    /// Postgres' 1 GB field limit. Missing values travel as NaN and -1, which is what
    /// ``BarSeries`` holds for them anyway, because arrays with NULLs do not decode to
    /// `[Double]`.
    private func readChunks(_ connection: PostgresConnection, symbol: Symbol, timeframe: Timeframe,
                            from: Timestamp?, to: Timestamp?, vwap: Bool, trades: Bool,
                            into out: inout BarSeries) async throws {
        var lower = from?.nanoseconds
        while true {
            // Bounds are bound as BIGINT parameters (a literal Int64.min would parse as numeric
            // and turn off the index) and left out when open.
            var binds = PostgresBindings()
            binds.append(symbol.name)
            binds.append(timeframe.description)
            var bounds = ""
            if let lower {
                binds.append(lower)
                bounds += " AND ts >= $\(binds.count)"
            }
            if let to {
                binds.append(to.nanoseconds)
                bounds += " AND ts < $\(binds.count)"
            }
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT count(*), array_agg(ts), array_agg(coalesce(open, 'NaN')), array_agg(coalesce(high, 'NaN')),
                       array_agg(coalesce(low, 'NaN')), array_agg(coalesce(close, 'NaN')), array_agg(coalesce(volume, 'NaN')),
                       \(vwap ? "array_agg(coalesce(vwap, 'NaN'))" : "NULL::float8[]"),
                       \(trades ? "array_agg(coalesce(trade_count, -1))" : "NULL::bigint[]")
                FROM (
                    SELECT * FROM \(table("bars"))
                    WHERE symbol = $1 AND timeframe = $2\(bounds)
                    ORDER BY ts LIMIT \(Self.readChunkRows)
                ) AS chunk
                """, binds: binds), logger: logger).collect()
            guard let row = rows.first else { break }
            typealias Columns = (Int64, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?, ByteBuffer?)
            let c = try row.decode(Columns.self)
            let count = Int(c.0)
            guard count > 0 else { break }
            func doubles(_ bytes: ByteBuffer?) throws -> [Double] {
                try checked(bytes.map(PostgresBinaryArray.doubles) ?? [], count: count, symbol, timeframe)
            }
            let ts = try checked(c.1.map(PostgresBinaryArray.int64s) ?? [], count: count, symbol, timeframe)
            // array_agg follows the ordered subquery in practice, though SQL does not promise
            // it; a chunk that arrives out of order is an error rather than silently wrong data.
            let base = out.count
            out.timestamps.append(contentsOf: ts.lazy.map { Timestamp(nanoseconds: $0) })
            guard Self.isStrictlyIncreasing(out.timestamps, from: max(base - 1, 0)) else {
                throw DataError(.store, "Postgres returned bars of \(symbol) \(timeframe) out of order")
            }
            out.open += try doubles(c.2)
            out.high += try doubles(c.3)
            out.low += try doubles(c.4)
            out.close += try doubles(c.5)
            out.volume += try doubles(c.6)
            if vwap { out.vwap! += try doubles(c.7) }
            if trades { out.tradeCount! += try checked(c.8.map(PostgresBinaryArray.int64s) ?? [], count: count, symbol, timeframe) }
            guard count == Self.readChunkRows, let last = ts.last, last < .max else { break }
            lower = last + 1
        }
    }

    /// `values`, after checking that the column has one value per bar of the chunk.
    private func checked<T>(_ values: [T], count: Int, _ symbol: Symbol, _ timeframe: Timeframe) throws -> [T] {
        guard values.count == count else {
            throw DataError(.store, "Postgres returned a chunk of \(symbol) \(timeframe) whose columns differ in length")
        }
        return values
    }

    private static func isStrictlyIncreasing(_ timestamps: [Timestamp], from start: Int) -> Bool {
        var i = start + 1
        while i < timestamps.count {
            if timestamps[i] <= timestamps[i - 1] { return false }
            i += 1
        }
        return true
    }

    public func listSeries() async throws -> [StoredSeries] {
        try await guarded {
            let rows = try await client.query("""
                SELECT symbol, timeframe, adjustment, bar_count, first_ts, last_ts, has_vwap, has_trade_count
                FROM \(unescaped: table("series"))
                """, logger: logger)
            var out: [StoredSeries] = []
            typealias Columns = (String, String, Int32, Int64, Int64, Int64, Bool, Bool)
            for try await (symbol, text, adjustment, count, first, last, hasVWAP, hasTrades) in rows.decode(Columns.self) {
                guard let timeframe = Timeframe(text) else {
                    throw DataError(.store, "stored series \(symbol) has an unreadable timeframe '\(text)'")
                }
                out.append(StoredSeries(symbol: Symbol(symbol), timeframe: timeframe, adjustment: PriceAdjustment(rawValue: Int(adjustment)),
                                        count: Int(count), first: Timestamp(nanoseconds: first), last: Timestamp(nanoseconds: last),
                                        hasVWAP: hasVWAP, hasTradeCount: hasTrades))
            }
            return out.sorted(by: StoredSeries.listingOrder)
        }
    }

    @discardableResult
    public func deleteSeries(symbol: Symbol, timeframe: Timeframe) async throws -> Int {
        let logger = self.logger
        return try await guarded {
            try await client.withTransaction(logger: logger) { connection in
                let deleted = try await connection.query("""
                    DELETE FROM \(unescaped: table("series")) WHERE symbol = \(symbol.name) AND timeframe = \(timeframe.description) RETURNING 1
                    """, logger: logger).collect()
                guard !deleted.isEmpty else {
                    throw DataError(.notFound, "no stored series \(symbol) \(timeframe)")
                }
                let rows = try await connection.query("""
                    WITH gone AS (
                        DELETE FROM \(unescaped: table("bars")) WHERE symbol = \(symbol.name) AND timeframe = \(timeframe.description) RETURNING 1
                    )
                    SELECT count(*) FROM gone
                    """, logger: logger).collect()
                return Int(try rows.first?.decode(Int64.self) ?? 0)
            }
        }
    }
}

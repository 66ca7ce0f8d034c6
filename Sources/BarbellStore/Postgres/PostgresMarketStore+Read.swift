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
                // Bounds are spelled into the SQL only when given, so the index range is tight.
                var sql = "SELECT ts, open, high, low, close, volume, vwap, trade_count FROM \(table("bars")) WHERE symbol = $1 AND timeframe = $2"
                var binds = PostgresBindings()
                binds.append(symbol.name)
                binds.append(timeframe.description)
                if let from {
                    binds.append(from.nanoseconds)
                    sql += " AND ts >= $\(binds.count)"
                }
                if let to {
                    binds.append(to.nanoseconds)
                    sql += " AND ts < $\(binds.count)"
                }
                sql += " ORDER BY ts"
                let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
                typealias Columns = (Int64, Double?, Double?, Double?, Double?, Double?, Double?, Int64?)
                for try await (ts, open, high, low, close, volume, vwap, trades) in rows.decode(Columns.self) {
                    out.timestamps.append(Timestamp(nanoseconds: ts))
                    out.open.append(open ?? .nan)
                    out.high.append(high ?? .nan)
                    out.low.append(low ?? .nan)
                    out.close.append(close ?? .nan)
                    out.volume.append(volume ?? .nan)
                    if hasVWAP { out.vwap!.append(vwap ?? .nan) }
                    if hasTrades { out.tradeCount!.append(trades ?? -1) }
                }
                return out
            }
        }
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

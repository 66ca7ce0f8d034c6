/// Loads trade ticks from header-addressed CSV files into a ``TradeSeries``:
///
/// - Tardis `trades`: `exchange,symbol,timestamp,local_timestamp,id,side,price,amount`
///   (epoch microseconds; `side` is the aggressor: buy, sell or unknown);
/// - freqtrade trade lists: `,timestamp,id,type,side,price,amount,cost,date` (epoch milliseconds).
///
/// Required columns are `timestamp` (or `local_timestamp`, see ``timeColumn``), `price` and
/// `amount` (also accepted: `size`, `qty`, `quantity`); `side`, `id` and `symbol` are used when
/// present. Column order is free. The timestamp unit is detected from the first value's digit
/// count unless ``timestampFormat`` fixes it. Errors name the file, line and column.
public struct CryptoTradeCSVLoader: Sendable {
    /// Keep only rows of this symbol (case-insensitive). Without it a file holding several
    /// symbols is an error.
    public var symbol: String?
    public var timeColumn: TardisTimestampColumn
    public var timestampFormat: TimestampFormat
    public var chunkSize: Int

    public init(symbol: String? = nil, timeColumn: TardisTimestampColumn = .exchange,
                timestampFormat: TimestampFormat = .auto, chunkSize: Int = 1 << 20) {
        self.symbol = symbol
        self.timeColumn = timeColumn
        self.timestampFormat = timestampFormat
        self.chunkSize = chunkSize
    }

    /// All trades of the file in file order. The series is named after ``symbol``, else the
    /// file's `symbol` column, else it has an empty name.
    public func load(path: String) throws(DataError) -> TradeSeries {
        var series = TradeSeries(symbol: Symbol(symbol ?? ""))
        let seen = try forEachTrade(path: path) { (trade, _) throws(DataError) -> Bool in
            series.append(trade)
            return true
        }
        if symbol == nil, let seen { series.symbol = Symbol(seen) }
        return series
    }

    /// Calls `body` with each trade and its 1-based line; return false to stop early.
    /// Returns the symbol named by the file's `symbol` column, if it has one.
    @discardableResult
    public func forEachTrade(path: String, _ body: (Trade, Int) throws(DataError) -> Bool) throws(DataError) -> String? {
        struct Columns {
            var time: Int
            var fallbackTime: Int?
            var price: Int
            var amount: Int
            var side: Int?
            var id: Int?
        }
        var parser = TimestampParser(format: timestampFormat)
        var fallbackParser = TimestampParser(format: timestampFormat)
        var filter = SymbolColumnFilter(wanted: symbol, column: nil)
        let timeColumn = self.timeColumn
        let wanted = symbol
        try CryptoCSVTable(path: path, chunkSize: chunkSize).forEachRow(prepare: { (header) throws(DataError) -> Columns in
            filter = SymbolColumnFilter(wanted: wanted, column: header.index(["symbol"]))
            let primary = timeColumn == .exchange ? "timestamp" : "local_timestamp"
            let time = try header.require([primary], purpose: "trade time")
            return Columns(time: time,
                           fallbackTime: timeColumn == .exchange ? header.index(["local_timestamp"]) : nil,
                           price: try header.require(["price"], purpose: "trade price"),
                           amount: try header.require(["amount", "size", "qty", "quantity"], purpose: "trade size"),
                           side: header.index(["side"]),
                           id: header.index(["id", "trade_id"]))
        }) { (row, c) throws(DataError) -> Bool in
            guard try filter.accepts(row) else { return true }
            let time: Timestamp
            if let fallback = c.fallbackTime, row.fields.starts[c.time] == row.fields.ends[c.time] {
                time = try row.timestamp(fallback, parser: &fallbackParser)
            } else {
                time = try row.timestamp(c.time, parser: &parser)
            }
            let trade = Trade(timestamp: time, price: try row.double(c.price), size: try row.double(c.amount),
                              side: try c.side.map { (k) throws(DataError) in try row.side(k) } ?? .unknown,
                              id: c.id.map { row.text($0) })
            return try body(trade, row.line)
        }
        return filter.seen ?? (filter.column != nil ? wanted : nil)
    }
}

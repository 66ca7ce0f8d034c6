/// Loads top-of-book quotes from Tardis `quotes` CSV files:
/// `exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount`
/// (epoch microseconds).
///
/// Columns are found by header name (order-free). An empty price or amount (Tardis leaves a
/// side empty when the book side is empty) becomes NaN; any other non-number is an error
/// naming the file, line and column.
public struct CryptoQuoteCSVLoader: Sendable {
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

    /// All quotes of the file in file order.
    public func load(path: String) throws(DataError) -> [Quote] {
        var quotes: [Quote] = []
        try forEachQuote(path: path) { (quote, _) throws(DataError) -> Bool in
            quotes.append(quote)
            return true
        }
        return quotes
    }

    /// Calls `body` with each quote and its 1-based line; return false to stop early.
    public func forEachQuote(path: String, _ body: (Quote, Int) throws(DataError) -> Bool) throws(DataError) {
        struct Columns {
            var time: Int
            var fallbackTime: Int?
            var askAmount: Int, askPrice: Int, bidPrice: Int, bidAmount: Int
        }
        var parser = TimestampParser(format: timestampFormat)
        var fallbackParser = TimestampParser(format: timestampFormat)
        var filter = SymbolColumnFilter(wanted: symbol, column: nil)
        let timeColumn = self.timeColumn
        let wanted = symbol
        try CryptoCSVTable(path: path, chunkSize: chunkSize).forEachRow(prepare: { (header) throws(DataError) -> Columns in
            filter = SymbolColumnFilter(wanted: wanted, column: header.index(["symbol"]))
            let primary = timeColumn == .exchange ? "timestamp" : "local_timestamp"
            return Columns(time: try header.require([primary], purpose: "quote time"),
                           fallbackTime: timeColumn == .exchange ? header.index(["local_timestamp"]) : nil,
                           askAmount: try header.require(["ask_amount", "ask_size"], purpose: "ask size"),
                           askPrice: try header.require(["ask_price"], purpose: "ask price"),
                           bidPrice: try header.require(["bid_price"], purpose: "bid price"),
                           bidAmount: try header.require(["bid_amount", "bid_size"], purpose: "bid size"))
        }) { (row, c) throws(DataError) -> Bool in
            guard try filter.accepts(row) else { return true }
            let time: Timestamp
            if let fallback = c.fallbackTime, row.fields.starts[c.time] == row.fields.ends[c.time] {
                time = try row.timestamp(fallback, parser: &fallbackParser)
            } else {
                time = try row.timestamp(c.time, parser: &parser)
            }
            let quote = Quote(timestamp: time, bidPrice: try row.doubleOrNaN(c.bidPrice), bidSize: try row.doubleOrNaN(c.bidAmount),
                              askPrice: try row.doubleOrNaN(c.askPrice), askSize: try row.doubleOrNaN(c.askAmount))
            return try body(quote, row.line)
        }
    }
}

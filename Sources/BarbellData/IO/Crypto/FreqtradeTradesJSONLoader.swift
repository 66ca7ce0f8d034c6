/// Loads freqtrade's trade dumps (`<PAIR>-trades.json[.gz]`): a JSON array of
/// `[timestamp_ms, id, type, side, price, amount, cost]` rows into a ``TradeSeries``.
///
/// `side` is the taker (aggressor) side as reported by ccxt; `type` and `cost` are ignored
/// (cost = price × amount). Streams through the same chunked tokenizer as candle files, so the
/// whole array is never held in memory. Errors name the file, line, row index and field.
public struct FreqtradeTradesJSONLoader: Sendable {
    public var symbol: Symbol
    public var chunkSize: Int

    public init(symbol: Symbol, chunkSize: Int = 1 << 20) {
        self.symbol = symbol
        self.chunkSize = chunkSize
    }

    static let fields = ["timestamp", "id", "type", "side", "price", "amount", "cost"]

    public func load(path: String) throws(DataError) -> TradeSeries {
        var series = TradeSeries(symbol: symbol)
        try forEachTrade(path: path) { (trade) throws(DataError) -> Bool in
            series.append(trade)
            return true
        }
        return series
    }

    /// Calls `body` with each trade in file order; return false to stop early.
    public func forEachTrade(path: String, _ body: (Trade) throws(DataError) -> Bool) throws(DataError) {
        let f = Self.fields
        try JSONArrayOfArraysTokenizer.forEachRow(path: path, chunkSize: chunkSize) { (row) throws(DataError) -> Bool in
            guard row.count == 7 || row.count == 6 else {
                throw DataError(.fieldCount, "row index \(row.index) has \(row.count) elements; freqtrade trades have 7 (timestamp, id, type, side, price, amount, cost)",
                                file: row.path, line: row.line)
            }
            let side: AggressorSide
            switch row.kind(3) {
            case .null: side = .unknown
            case .string:
                switch row.text(3).lowercased() {
                case "buy": side = .buy
                case "sell": side = .sell
                case "", "unknown": side = .unknown
                default: throw row.error(.validationFailed, 3, field: f[3], "side \"\(row.text(3))\" is not buy or sell")
                }
            default: throw row.error(.validationFailed, 3, field: f[3], "side must be a string, found \(row.text(3))")
            }
            let id: String? = row.kind(1) == .null ? nil : row.text(1)
            let trade = Trade(timestamp: try row.epochMilliseconds(0, field: f[0]), price: try row.double(4, field: f[4]),
                              size: try row.double(5, field: f[5]), side: side, id: id)
            return try body(trade)
        }
    }
}

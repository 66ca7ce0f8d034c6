/// The row layout of a JSON candle file.
public enum CandleJSONLayout: String, Sendable, Hashable, CaseIterable {
    /// Chosen from the first row: 6 elements is ``freqtrade``, 12 is ``binanceKlines``.
    case auto
    /// freqtrade's `[open_time_ms, open, high, low, close, volume]`; numbers or numeric
    /// strings, `volume` may be `null` (mark-price candles), which becomes NaN.
    case freqtrade
    /// Binance REST `GET /api/v3/klines` rows:
    /// `[openTime, "o", "h", "l", "c", "v", closeTime, "quoteVolume", trades, "takerBuyBase", "takerBuyQuote", "ignore"]`.
    /// The trade count (index 8) fills ``Bar/tradeCount`` and `quoteVolume / volume` fills
    /// ``Bar/vwap`` (the exact VWAP of the bar's trades) when volume is positive.
    case binanceKlines

    /// Elements per row of the layout; nil for ``auto``.
    public var rowLength: Int? {
        switch self {
        case .auto: return nil
        case .freqtrade: return 6
        case .binanceKlines: return 12
        }
    }
}

/// Loads candles from a JSON array of arrays (freqtrade data files, Binance kline dumps) into
/// a ``BarSeries``, streaming the file so multi-gigabyte single-line dumps fit in memory.
///
/// Timestamps are the candle **open** times in epoch milliseconds, UTC. Files may be gzip
/// compressed. Errors name the file, the 1-based line, the 0-based row index and element
/// position, and the field (`timestamp`, `open`, ... `tradeCount`).
///
/// The loader does not sort, de-duplicate or validate OHLC relationships; that is the job of
/// the validation layer, which can then report problems instead of having them silently fixed.
public struct CandleJSONLoader: Sendable {
    public var symbol: Symbol
    /// Stored on the resulting series as given; not inferred from the data.
    public var timeframe: Timeframe?
    public var layout: CandleJSONLayout
    /// Bytes read from disk per step.
    public var chunkSize: Int

    public init(symbol: Symbol, timeframe: Timeframe? = nil, layout: CandleJSONLayout = .auto, chunkSize: Int = 1 << 20) {
        self.symbol = symbol
        self.timeframe = timeframe
        self.layout = layout
        self.chunkSize = chunkSize
    }

    /// Reads every candle of the file at `path`. An empty array gives an empty series; a file
    /// without any JSON is an ``DataError/Code/emptyFile`` error.
    public func load(path: String) throws(DataError) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: timeframe)
        try forEachBar(path: path) { (bar) throws(DataError) -> Bool in
            series.append(bar)
            return true
        }
        return series
    }

    /// Calls `body` with each candle in file order; return false to stop early.
    /// Returns the layout that was used (the detected one for ``CandleJSONLayout/auto``).
    @discardableResult
    public func forEachBar(path: String, _ body: (Bar) throws(DataError) -> Bool) throws(DataError) -> CandleJSONLayout {
        var resolved = layout
        try JSONArrayOfArraysTokenizer.forEachRow(path: path, chunkSize: chunkSize) { (row) throws(DataError) -> Bool in
            if resolved == .auto { resolved = try Self.detectLayout(row) }
            let bar = resolved == .freqtrade ? try Self.freqtradeBar(row) : try Self.binanceKlineBar(row)
            return try body(bar)
        }
        return resolved
    }

    static let freqtradeFields = ["timestamp", "open", "high", "low", "close", "volume"]
    static let binanceKlineFields = ["openTime", "open", "high", "low", "close", "volume", "closeTime",
                                     "quoteVolume", "tradeCount", "takerBuyBaseVolume", "takerBuyQuoteVolume", "ignore"]

    static func detectLayout(_ row: JSONArrayOfArraysTokenizer.Row) throws(DataError) -> CandleJSONLayout {
        switch row.count {
        case 6: return .freqtrade
        case 12: return .binanceKlines
        default:
            throw DataError(.fieldCount, "row index \(row.index) has \(row.count) elements; expected 6 (freqtrade candles) or 12 (Binance klines)",
                            file: row.path, line: row.line)
        }
    }

    static func checkLength(_ row: JSONArrayOfArraysTokenizer.Row, _ layout: CandleJSONLayout) throws(DataError) {
        guard let expected = layout.rowLength, row.count != expected else { return }
        throw DataError(.fieldCount, "row index \(row.index) has \(row.count) elements; the \(layout.rawValue) layout has \(expected)",
                        file: row.path, line: row.line)
    }

    static func freqtradeBar(_ row: JSONArrayOfArraysTokenizer.Row) throws(DataError) -> Bar {
        try checkLength(row, .freqtrade)
        let f = freqtradeFields
        return Bar(timestamp: try row.epochMilliseconds(0, field: f[0]),
                   open: try row.double(1, field: f[1]),
                   high: try row.double(2, field: f[2]),
                   low: try row.double(3, field: f[3]),
                   close: try row.double(4, field: f[4]),
                   volume: try row.doubleOrNaN(5, field: f[5]))
    }

    static func binanceKlineBar(_ row: JSONArrayOfArraysTokenizer.Row) throws(DataError) -> Bar {
        try checkLength(row, .binanceKlines)
        let f = binanceKlineFields
        let volume = try row.doubleOrNaN(5, field: f[5])
        let quoteVolume = try row.doubleOrNaN(7, field: f[7])
        let trades = try row.integer(8, field: f[8])
        // Validated even though unused, so a corrupt row is not half-accepted.
        _ = try row.epochMilliseconds(6, field: f[6])
        return Bar(timestamp: try row.epochMilliseconds(0, field: f[0]),
                   open: try row.double(1, field: f[1]),
                   high: try row.double(2, field: f[2]),
                   low: try row.double(3, field: f[3]),
                   close: try row.double(4, field: f[4]),
                   volume: volume,
                   vwap: volume > 0 && quoteVolume.isFinite ? quoteVolume / volume : nil,
                   tradeCount: trades)
    }
}

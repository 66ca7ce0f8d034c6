/// One entry point for loading bars from any supported file.
public enum MarketFile {
    /// Loads bar series from `path` (CSV or candle JSON), applies the requested adjustment and
    /// fills in the timeframe when the file does not state it.
    public static func loadBars(_ path: String, options: MarketFileOptions = MarketFileOptions()) throws(DataError) -> [LoadedSeries] {
        let format = options.format == .auto ? try MarketFileFormat.detect(path: path) : options.format
        var loaded: [LoadedSeries]
        switch format {
        case .csv, .auto:
            loaded = try BarCSVReader(options: options.csv).read(path)
        case .candles:
            loaded = try loadCandles(path, options: options)
        case .binance, .tardis:
            throw DataError(.unsupportedFormat, "\(format.rawValue) files hold trades and quotes, not bars: use `barbell data aggregate` to build bars from them", file: path)
        }
        for k in loaded.indices {
            if let method = options.adjust { loaded[k] = try loaded[k].adjusted(by: method) }
            if loaded[k].series.timeframe == nil {
                loaded[k].series.timeframe = inferTimeframe(loaded[k].series.timestamps)
            }
        }
        return loaded
    }

    /// The most common spacing between consecutive timestamps, if it is a whole timeframe.
    /// Daily equity bars have weekend gaps, but the mode is still one day.
    public static func inferTimeframe(_ timestamps: [Timestamp]) -> Timeframe? {
        guard timestamps.count >= 2 else { return nil }
        var counts: [Int64: Int] = [:]
        for i in 1..<min(timestamps.count, 10_000) {
            let d = timestamps[i].nanoseconds - timestamps[i - 1].nanoseconds
            if d > 0 { counts[d, default: 0] += 1 }
        }
        guard let (step, _) = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else { return nil }
        for unit in Timeframe.Unit.allCases.reversed() {
            let width = Timeframe(1, unit).nanoseconds
            if step % width == 0 && step / width <= 1_000 {
                return Timeframe(Int(step / width), unit)
            }
        }
        return nil
    }
}

extension MarketFile {
    /// Candle JSON rows carry no line numbers (a file is often one line), so rows are located
    /// by timestamp alone in validation reports.
    static func loadCandles(_ path: String, options: MarketFileOptions) throws(DataError) -> [LoadedSeries] {
        let symbol = options.csv.symbol ?? Symbol(fileStem(path))
        var series = try CandleJSONLoader(symbol: symbol, timeframe: options.csv.timeframe).load(path: path)
        series.adjustment = options.csv.adjustment
        let hasVolume = series.volume.contains { !$0.isNaN }
        return [LoadedSeries(series: series, lines: [], source: path, hasVolume: hasVolume)]
    }

    /// Loads trades from a Binance capture, a Tardis / freqtrade trade CSV, or a freqtrade
    /// trades JSON array.
    public static func loadTrades(_ path: String, format: MarketFileFormat = .auto, symbol: Symbol? = nil,
                                  timeSource: BinanceTimeSource = .exchange) throws(DataError) -> TradeSeries {
        let detected = format == .auto ? try MarketFileFormat.detect(path: path) : format
        var trades: TradeSeries
        switch detected {
        case .binance:
            trades = try BinanceStreamLoader(path: path, timeSource: timeSource, symbol: symbol?.name).loadTrades()
        case .tardis, .csv:
            trades = try CryptoTradeCSVLoader(symbol: symbol?.name, timeColumn: timeSource == .receive ? .local : .exchange).load(path: path)
        case .candles:
            trades = try FreqtradeTradesJSONLoader(symbol: symbol ?? Symbol(fileStem(path))).load(path: path)
        case .auto:
            throw DataError(.unsupportedFormat, "cannot tell the format of this trades file; pass --format", file: path)
        }
        if let symbol { trades.symbol = symbol }
        if trades.symbol.name.isEmpty { trades.symbol = Symbol(fileStem(path)) }
        if trades.count == 0 { throw DataError(.noDataRows, "the file holds no trades", file: path) }
        return trades
    }
}

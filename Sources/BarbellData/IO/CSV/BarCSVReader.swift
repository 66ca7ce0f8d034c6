import Foundation

/// Streams bar CSV files (Yahoo, generic OHLCV, long, wide, headerless) into ``LoadedSeries``.
///
/// The file is read in chunks through ``LineReader`` (gzip-aware), so memory holds the parsed
/// columns, never the text. Every parse error names the file, the line and the column.
public struct BarCSVReader {
    public var options: BarCSVOptions

    public init(options: BarCSVOptions = BarCSVOptions()) { self.options = options }

    /// Reads `path` and returns one series per instrument, in order of first appearance.
    public func read(_ path: String) throws(DataError) -> [LoadedSeries] {
        var state = ReaderState(options: options, path: path)
        let reader = LineReader(path: path, chunkSize: 4 << 20)
        state.expectedBytes = reader.uncompressedFileSize()
        try reader.forEachBlock { (block, firstLine) throws(DataError) -> Int? in
            try state.consumeBlock(block, firstLine: firstLine, maxLineLength: reader.maxLineLength)
        }
        return try state.finish()
    }
}

/// Per-instrument column accumulator.
struct SeriesBuilder {
    var series: BarSeries
    var lines: [Int] = []
    var adjClose: [Double] = []
    var dividends: [Double] = []
    var splits: [Double] = []
    var vwap: [Double] = []
    var trades: [Int64] = []

    init(symbol: Symbol, options: BarCSVOptions) {
        series = BarSeries(symbol: symbol, timeframe: options.timeframe, adjustment: options.adjustment)
    }
}

/// The parsing state machine: header detection, then one call per data line.
struct ReaderState {
    let options: BarCSVOptions
    let path: String
    var splitter: CSVFieldSplitter?
    var roles: [CSVColumnRole] = []
    var headerNames: [String] = []
    var layout: BarCSVOptions.Layout = .auto
    var timestamps: TimestampParser
    var builders: [SeriesBuilder] = []
    var builderIndex: [String: Int] = [:]
    var lastTicker: [UInt8] = []
    var lastTickerIndex = -1
    var sawFirstLine = false
    var dataLines = 0
    // Wide layout: (column index → builder index) for price columns.
    var wideColumns: [(column: Int, builder: Int)] = []
    var columnOf: [CSVColumnRole: Int] = [:]
    /// Column positions resolved once, so the per-row path does no dictionary look-ups.
    var timestampColumn = 0
    var openColumn: Int?, highColumn: Int?, lowColumn: Int?, closeColumn: Int?, volumeColumn: Int?
    var adjCloseColumn: Int?, dividendColumn: Int?, splitColumn: Int?, vwapColumn: Int?, tradesColumn: Int?, tickerColumn: Int?
    /// Set once the header is known when every row can take the fast path (see
    /// `ReaderState+FastRows.swift`).
    var fastPlan: FastRowPlan?
    /// The size of an uncompressed input, for sizing columns up front.
    var expectedBytes: Int?
    var reservedForFile = false
    /// Cores the fast path may use, and their reusable output columns.
    var workers = 1
    var scratch: [FastColumns] = []

    init(options: BarCSVOptions, path: String) {
        self.options = options
        self.path = path
        self.timestamps = TimestampParser(format: options.timestampFormat, timeZone: options.timeZone)
        self.workers = options.threads > 0 ? options.threads : Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8)
    }

    func fail(_ code: DataError.Code, _ message: String, line: Int, field: String? = nil) -> DataError {
        DataError(code, message, file: path, line: line, field: field)
    }

    mutating func consume(_ rawLine: UnsafeBufferPointer<UInt8>, _ number: Int) throws(DataError) {
        var line = rawLine
        if !sawFirstLine {
            sawFirstLine = true
            // Strip a UTF-8 byte-order mark (Excel and some FRED exports write one).
            if line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                throw fail(.badHeader, "the first line is blank; expected a header or a data row", line: number)
            }
            try setUp(firstLine: line, number)
            return
        }
        if line.isEmpty { return }   // blank lines (often at the end) carry no data
        dataLines += 1
        switch layout {
        case .wide: try consumeWide(line, number)
        default: try consumeBars(line, number)
        }
    }

    // MARK: Header

    mutating func setUp(firstLine line: UnsafeBufferPointer<UInt8>, _ number: Int) throws(DataError) {
        let delimiter = options.delimiter ?? CSVFieldSplitter.sniffDelimiter(line)
        var split = CSVFieldSplitter(delimiter: delimiter)
        split.split(line)
        if split.count < 2 {
            let other = CSVFieldSplitter.sniffDelimiter(line)
            let hint = other != delimiter && line.contains(other)
                ? " The line contains \(CSVFieldSplitter.name(of: other)): use --delimiter \(CSVFieldSplitter.name(of: other))."
                : ""
            throw fail(.badHeader, "found a single column using delimiter \(CSVFieldSplitter.name(of: delimiter)); a bar file needs a timestamp and at least one price column.\(hint)", line: number)
        }
        splitter = split
        let firstField = split.text(line, 0)
        var probe = TimestampParser(format: options.timestampFormat, timeZone: options.timeZone)
        let looksLikeData = (try? probe.parse(firstField)) != nil
        let header = options.hasHeader ?? !looksLikeData
        if header {
            headerNames = (0..<split.count).map { split.text(line, $0).trimmingCharacters(in: .whitespaces) }
        } else {
            headerNames = (0..<split.count).map { "column \($0 + 1)" }
        }
        roles = try resolveRoles(count: split.count, header: header, number)
        try decideLayout(number)
        if !header {
            // The first line is data: parse it now.
            if layout == .wide { try consumeWide(line, number) } else { try consumeBars(line, number) }
            dataLines += 1
        }
    }

    func resolveRoles(count: Int, header: Bool, _ number: Int) throws(DataError) -> [CSVColumnRole] {
        if let explicit = options.columns {
            guard explicit.count == count else {
                throw fail(.badHeader, "--columns names \(explicit.count) columns but the file has \(count)", line: number)
            }
            return explicit
        }
        if !header {
            switch count {
            case 5: return [.timestamp, .open, .high, .low, .close]
            case 6: return [.timestamp, .open, .high, .low, .close, .volume]
            default:
                throw fail(.badHeader, "the file has no header and \(count) columns; name them with --columns (e.g. timestamp,open,high,low,close,volume)", line: number)
            }
        }
        var result: [CSVColumnRole] = []
        var seen: Set<CSVColumnRole> = []
        for (k, name) in headerNames.enumerated() {
            var role = options.columnMapping[name] ?? CSVColumnRole.recognise(name) ?? .ignored
            // pandas writes the index as an unnamed first column.
            if k == 0 && name.isEmpty { role = .ignored }
            if role != .ignored && seen.contains(role) {
                role = .ignored   // keep the first of duplicated roles (e.g. `date` and `time`)
            }
            seen.insert(role)
            result.append(role)
        }
        if !seen.contains(.timestamp) {
            // Many wide files call the first column something else entirely ("Unnamed: 0").
            if let k = (0..<count).first(where: { result[$0] == .ignored }), k == 0 {
                result[0] = .timestamp
            } else {
                throw fail(.badHeader, "no timestamp column: expected one named date, time, datetime or timestamp (header: \(headerNames.joined(separator: ", ")))", line: number)
            }
        }
        return result
    }

    mutating func decideLayout(_ number: Int) throws(DataError) {
        for (k, r) in roles.enumerated() where r != .ignored { columnOf[r] = k }
        timestampColumn = columnOf[.timestamp] ?? 0
        closeColumn = columnOf[.close] ?? columnOf[.adjClose]
        openColumn = columnOf[.open]
        highColumn = columnOf[.high]
        lowColumn = columnOf[.low]
        volumeColumn = columnOf[.volume]
        adjCloseColumn = columnOf[.close] != nil ? columnOf[.adjClose] : nil
        dividendColumn = columnOf[.dividend]
        splitColumn = columnOf[.split]
        vwapColumn = columnOf[.vwap]
        tradesColumn = columnOf[.trades]
        tickerColumn = columnOf[.ticker]
        let hasClose = columnOf[.close] != nil || columnOf[.adjClose] != nil
        var chosen = options.layout
        if chosen == .auto {
            if hasClose { chosen = columnOf[.ticker] != nil ? .long : .ohlcv } else { chosen = .wide }
        }
        layout = chosen
        switch chosen {
        case .wide:
            let ts = columnOf[.timestamp]!
            for k in 0..<roles.count where k != ts && !headerNames[k].isEmpty {
                let symbol = Symbol(headerNames[k])
                builderIndex[symbol.name] = builders.count
                wideColumns.append((k, builders.count))
                builders.append(SeriesBuilder(symbol: symbol, options: options))
            }
            if wideColumns.isEmpty {
                throw fail(.badHeader, "a wide file needs a date column and at least one ticker column", line: number)
            }
        case .long:
            guard columnOf[.ticker] != nil else {
                throw fail(.badHeader, "layout 'long' needs a ticker or symbol column", line: number)
            }
            guard hasClose else { throw fail(.badHeader, "no close column (expected close or adj close)", line: number) }
        case .ohlcv, .auto:
            guard hasClose else {
                throw fail(.badHeader, "no close column: expected columns named open, high, low, close[, volume] (header: \(headerNames.joined(separator: ", ")))", line: number)
            }
            let symbol = options.symbol ?? Symbol(fileStem(path))
            builders.append(SeriesBuilder(symbol: symbol, options: options))
            lastTickerIndex = 0
            if options.allowsFastPath {
                fastPlan = FastRowPlan(roles: roles, columnOf: columnOf, delimiter: splitter!.delimiter)
            }
        }
    }

    // MARK: Rows

    @inline(__always)
    mutating func number(_ line: UnsafeBufferPointer<UInt8>, _ column: Int?, _ lineNumber: Int, default value: Double) throws(DataError) -> Double {
        guard let column else { return value }
        switch DecimalParser.parse(line, splitter!.starts[column], splitter!.ends[column]) {
        case .value(let v): return v
        case .missing: return .nan
        case .invalid:
            throw fail(.badNumber, "expected a number, found '\(clip(splitter!.text(line, column)))'", line: lineNumber, field: headerNames[column])
        }
    }

    @inline(__always)
    mutating func timestamp(_ line: UnsafeBufferPointer<UInt8>, _ column: Int, _ lineNumber: Int) throws(DataError) -> Int64 {
        do {
            return try timestamps.parse(line, splitter!.starts[column], splitter!.ends[column])
        } catch {
            let text = clip(splitter!.text(line, column))
            switch error {
            case .unparseable(let expected):
                throw fail(.badTimestamp, "expected \(expected), found '\(text)'", line: lineNumber, field: headerNames[column])
            case .mixedUnits(let expected):
                throw fail(.mixedTimestampUnits, "timestamp '\(text)' has a different magnitude than earlier rows (\(expected)); the file mixes epoch units", line: lineNumber, field: headerNames[column])
            }
        }
    }

    mutating func checkFieldCount(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws(DataError) {
        splitter!.split(line)
        let n = splitter!.count
        if n == roles.count { return }
        // Tolerate one trailing empty field from a trailing delimiter.
        if n == roles.count + 1 && splitter!.starts[n - 1] == splitter!.ends[n - 1] { return }
        var hint = ""
        if n == 1 {
            let other = CSVFieldSplitter.sniffDelimiter(line)
            if other != splitter!.delimiter && line.contains(other) {
                hint = "; the line uses \(CSVFieldSplitter.name(of: other)) instead of \(CSVFieldSplitter.name(of: splitter!.delimiter))"
            }
        }
        throw fail(.fieldCount, "expected \(roles.count) fields (\(headerNames.joined(separator: ","))) but found \(n)\(hint)", line: lineNumber)
    }

    mutating func consumeBars(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws(DataError) {
        try checkFieldCount(line, lineNumber)
        let b: Int
        if let tickerColumn, layout == .long {
            b = builderFor(line, tickerColumn)
        } else {
            b = 0
        }
        let t = try timestamp(line, timestampColumn, lineNumber)
        let c = try number(line, closeColumn, lineNumber, default: .nan)
        let o = try number(line, openColumn, lineNumber, default: c)
        let h = try number(line, highColumn, lineNumber, default: Swift.max(o, c))
        let l = try number(line, lowColumn, lineNumber, default: Swift.min(o, c))
        let v = try number(line, volumeColumn, lineNumber, default: .nan)
        builders[b].series.timestamps.append(Timestamp(nanoseconds: t))
        builders[b].series.open.append(o)
        builders[b].series.high.append(h)
        builders[b].series.low.append(l)
        builders[b].series.close.append(c)
        builders[b].series.volume.append(v)
        builders[b].lines.append(lineNumber)
        if let k = adjCloseColumn {
            builders[b].adjClose.append(try number(line, k, lineNumber, default: .nan))
        }
        if let k = dividendColumn {
            let d = try number(line, k, lineNumber, default: 0)
            builders[b].dividends.append(d.isNaN ? 0 : d)
        }
        if let k = splitColumn {
            let s = try number(line, k, lineNumber, default: 1)
            builders[b].splits.append(s.isNaN || s == 0 ? 1 : s)
        }
        if let k = vwapColumn { builders[b].vwap.append(try number(line, k, lineNumber, default: .nan)) }
        if let k = tradesColumn {
            let n = try number(line, k, lineNumber, default: .nan)
            builders[b].trades.append(n.isNaN ? -1 : Int64(n))
        }
    }

    /// Finds (or creates) the builder for this row's ticker; remembers the last one because
    /// long files are usually grouped by ticker.
    mutating func builderFor(_ line: UnsafeBufferPointer<UInt8>, _ column: Int) -> Int {
        let s = splitter!.starts[column]
        let e = splitter!.ends[column]
        if lastTickerIndex >= 0 && lastTicker.count == e - s && lastTicker.withUnsafeBufferPointer({ memcmpEqual($0, line, s, e - s) }) {
            return lastTickerIndex
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[s..<e]), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let index: Int
        if let existing = builderIndex[name] {
            index = existing
        } else {
            index = builders.count
            builderIndex[name] = index
            builders.append(SeriesBuilder(symbol: Symbol(name), options: options))
        }
        lastTicker = Array(line[s..<e])
        lastTickerIndex = index
        return index
    }

    mutating func consumeWide(_ line: UnsafeBufferPointer<UInt8>, _ lineNumber: Int) throws(DataError) {
        try checkFieldCount(line, lineNumber)
        let t = Timestamp(nanoseconds: try timestamp(line, timestampColumn, lineNumber))
        for (column, b) in wideColumns {
            let v = try number(line, column, lineNumber, default: .nan)
            // Cells before an instrument's first price are "not listed yet", not missing.
            if v.isNaN && builders[b].series.isEmpty { continue }
            builders[b].series.timestamps.append(t)
            builders[b].series.open.append(v)
            builders[b].series.high.append(v)
            builders[b].series.low.append(v)
            builders[b].series.close.append(v)
            builders[b].series.volume.append(.nan)
            builders[b].lines.append(lineNumber)
        }
    }

    // MARK: Finish

    mutating func finish() throws(DataError) -> [LoadedSeries] {
        if !sawFirstLine { throw DataError(.emptyFile, "the file is empty", file: path) }
        if dataLines == 0 { throw DataError(.noDataRows, "the file has a header but no data rows", file: path, line: 1) }
        var result: [LoadedSeries] = []
        for var b in builders {
            if layout == .wide {
                // Trailing empty cells mean "delisted / no longer in the sample", not missing.
                var keep = b.series.count
                while keep > 0 && b.series.close[keep - 1].isNaN { keep -= 1 }
                if keep < b.series.count {
                    b.series = b.series.selecting(rows: 0..<keep)
                    b.lines.removeLast(b.lines.count - keep)
                }
                if b.series.isEmpty { continue }
            }
            var loaded = LoadedSeries(series: b.series, lines: b.lines, source: path, hasVolume: columnOf[.volume] != nil)
            if !b.vwap.isEmpty { loaded.series.vwap = b.vwap }
            if !b.trades.isEmpty { loaded.series.tradeCount = b.trades }
            if !b.adjClose.isEmpty { loaded.adjClose = b.adjClose }
            if !b.dividends.isEmpty { loaded.dividends = b.dividends }
            if !b.splits.isEmpty { loaded.splits = b.splits }
            result.append(loaded)
        }
        return result
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Bool {
    for k in 0..<count where a[k] != b[offset + k] { return false }
    return true
}

/// Shortens user text quoted in error messages (a 2 GB field must not become a 2 GB message).
func clip(_ text: String, _ limit: Int = 40) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
}

/// `AAPL` for `/data/AAPL.csv.gz`.
func fileStem(_ path: String) -> String {
    var name = path.split(separator: "/").last.map(String.init) ?? path
    for ext in [".gz", ".csv", ".txt", ".tsv", ".json"] where name.lowercased().hasSuffix(ext) {
        name.removeLast(ext.count)
    }
    return name
}

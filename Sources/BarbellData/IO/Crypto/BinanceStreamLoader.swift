/// Reads Binance websocket captures: one JSON message per line, optionally prefixed by the
/// recorder's receive time in nanoseconds and a space, with or without the combined-stream
/// wrapper:
///
/// ```text
/// 1723161254036059768 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,...}}
/// {"e":"aggTrade","E":1723161255343,"a":26129,"p":"0.01633102","q":"4.70443515","T":1723161255342,"m":true}
/// ```
///
/// `trade`, `aggTrade`, `depthUpdate`, `bookTicker` (spot and futures) and REST depth
/// snapshots are decoded (see ``BinanceMessageKind``); other messages are counted in
/// ``BinanceStreamSummary/unknownKinds`` and skipped. Malformed JSON and missing or
/// non-numeric fields are ``DataError``s naming the file, the line and the field.
///
/// Files are streamed line by line (gzip is decompressed transparently), so captures of any
/// size can be processed with ``forEachEvent(_:)``; the `load` conveniences collect results.
public struct BinanceStreamLoader: Sendable {
    public var path: String
    public var timeSource: BinanceTimeSource
    /// When set, messages whose `s` names another symbol are skipped (case-insensitive).
    /// Messages without `s` (REST snapshots) always pass, as they cannot be attributed.
    public var symbol: String?
    /// Keep futures trades whose `X` is not `MARKET` (insurance-fund and ADL fills happen at
    /// non-market prices, so they are skipped by default and counted in the summary).
    public var includeNonMarketTrades: Bool
    public var chunkSize: Int

    public init(path: String, timeSource: BinanceTimeSource = .exchange, symbol: String? = nil,
                includeNonMarketTrades: Bool = false, chunkSize: Int = 1 << 20) {
        self.path = path
        self.timeSource = timeSource
        self.symbol = symbol
        self.includeNonMarketTrades = includeNonMarketTrades
        self.chunkSize = chunkSize
    }

    /// Calls `body` with every decoded message in file order; return false to stop early.
    /// Returns what was seen along the way. A file without any message is an error.
    @discardableResult
    public func forEachEvent(_ body: (BinanceStreamMessage) throws(DataError) -> Bool) throws(DataError) -> BinanceStreamSummary {
        var summary = BinanceStreamSummary()
        var decoder = BinanceMessageDecoder(path: path, timeSource: timeSource)
        decoder.includeNonMarketTrades = includeNonMarketTrades
        var document = FlatJSONDocument()
        var receiveParser = TimestampParser(format: .auto)
        let wantedSymbol = symbol?.uppercased()
        var sawMessage = false
        let path = self.path

        try LineReader(path: path, chunkSize: chunkSize).forEachLine { (line, number) throws(DataError) -> Bool in
            summary.lines = number
            var start = 0
            while start < line.count && (line[start] == JSONByte.space || line[start] == JSONByte.tab) { start += 1 }
            if start == line.count {
                summary.blankLines += 1
                return true
            }
            sawMessage = true
            let receive = try Self.receivePrefix(line, &start, parser: &receiveParser, path: path, line: number)
            do throws(FlatJSONDocument.SyntaxError) {
                try document.parse(line, from: start, to: line.count)
            } catch {
                throw DataError(.badJSON, "malformed JSON at column \(error.offset + 1): \(error.message)", file: path, line: number)
            }
            guard document.nodes[0].kind == .object else {
                throw DataError(.badJSON, "expected a JSON object, found \(document.text(0, in: line))", file: path, line: number)
            }
            let root = JSONObjectView(document: document, bytes: line, node: 0, path: path, line: number, what: "message")
            switch try decoder.decode(root, line: number, receive: receive, summary: &summary) {
            case .unknown(let label):
                summary.unknownKinds[label, default: 0] += 1
                return true
            case .nonMarketTrade:
                summary.nonMarketTrades += 1
                return true
            case .message(let message):
                if let wantedSymbol, let s = message.symbol, s.uppercased() != wantedSymbol {
                    summary.otherSymbolMessages += 1
                    return true
                }
                summary.counts[message.kind, default: 0] += 1
                return try body(message)
            }
        }
        if !sawMessage {
            throw DataError(.emptyFile, "the file holds no messages", file: path, line: max(1, summary.lines))
        }
        return summary
    }

    /// Parses the optional `<digits> ` receive-time prefix and moves `start` past it.
    /// The unit is taken from the digit count (19 digits = nanoseconds).
    static func receivePrefix(_ line: UnsafeBufferPointer<UInt8>, _ start: inout Int, parser: inout TimestampParser,
                              path: String, line number: Int) throws(DataError) -> Timestamp? {
        let first = line[start]
        guard first >= 0x30 && first <= 0x39 else { return nil }
        var end = start
        while end < line.count && line[end] >= 0x30 && line[end] <= 0x39 { end += 1 }
        guard end < line.count, line[end] == JSONByte.space else {
            throw DataError(.badJSON, "expected '<receive time> {json}' or a JSON object; the line starts with a number not followed by a space",
                            file: path, line: number, field: "receive timestamp")
        }
        do throws(TimestampParser.Failure) {
            let ns = try parser.parse(line, start, end)
            start = end + 1
            return Timestamp(nanoseconds: ns)
        } catch {
            let text = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
            let reason: String
            switch error {
            case .mixedUnits(let expected): reason = "\(text) switches units; earlier lines had \(expected)"
            case .unparseable(let expected): reason = "\(text) is not \(expected)"
            }
            throw DataError(.badTimestamp, reason, file: path, line: number, field: "receive timestamp")
        }
    }
}

/// Everything a Binance capture holds, collected by ``BinanceStreamLoader/loadAll()``.
public struct BinanceCapture: Sendable {
    public var trades: TradeSeries
    public var quotes: [Quote]
    public var snapshots: [BookSnapshot]
    public var deltas: [BookDelta]
    public var summary: BinanceStreamSummary
}

extension BinanceStreamLoader {
    /// All trades (`trade` and `aggTrade`) as a series named after ``symbol``, or else after
    /// the first trade's `s`.
    public func loadTrades() throws(DataError) -> TradeSeries {
        try loadAll(keepQuotes: false, keepBook: false).trades
    }

    /// All `bookTicker` quotes in file order.
    public func loadQuotes() throws(DataError) -> [Quote] {
        try loadAll(keepTrades: false, keepBook: false).quotes
    }

    /// Collects every decoded event by type, with the pass's summary.
    public func loadAll() throws(DataError) -> BinanceCapture {
        try loadAll(keepTrades: true, keepQuotes: true, keepBook: true)
    }

    func loadAll(keepTrades: Bool = true, keepQuotes: Bool = true, keepBook: Bool = true) throws(DataError) -> BinanceCapture {
        var capture = BinanceCapture(trades: TradeSeries(symbol: Symbol(symbol ?? "")), quotes: [], snapshots: [], deltas: [],
                                     summary: BinanceStreamSummary())
        var namedSymbol = symbol != nil
        capture.summary = try forEachEvent { (message) throws(DataError) -> Bool in
            switch message.event {
            case .trade(let trade):
                guard keepTrades else { break }
                if !namedSymbol, let s = message.symbol {
                    capture.trades.symbol = Symbol(s)
                    namedSymbol = true
                }
                capture.trades.append(trade)
            case .quote(let quote):
                if keepQuotes { capture.quotes.append(quote) }
            case .bookSnapshot(let snapshot):
                if keepBook { capture.snapshots.append(snapshot) }
            case .bookDelta(let delta):
                if keepBook { capture.deltas.append(delta) }
            }
            return true
        }
        return capture
    }
}

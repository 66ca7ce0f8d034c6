/// Turns one capture line's JSON object into a ``BinanceStreamMessage``.
///
/// Message shapes (spot and USD-M futures):
/// - `trade`: `e:"trade"`, `T` trade time, `t` id, `p`/`q` strings, `m` buyer is maker
///   (true means the seller hit the bid: aggressor ``AggressorSide/sell``); futures add `X`.
/// - `aggTrade`: like `trade` with `a` as the id.
/// - `depthUpdate`: `E` (futures also `T`), `U`/`u` first/last update id, futures `pu`,
///   `b`/`a` arrays of `[price, size]`.
/// - `bookTicker`: `u`, `b`/`B`/`a`/`A`; spot has neither `e` nor any time field, futures has
///   `e:"bookTicker"`, `T` and `E`.
/// - depth snapshot: `lastUpdateId`, `bids`, `asks` (futures add `E`/`T`).
struct BinanceMessageDecoder {
    let path: String
    var timeSource: BinanceTimeSource
    /// Keep futures trades whose `X` is not `MARKET` (insurance fund, ADL).
    var includeNonMarketTrades = false
    /// `E − receive` from the latest line that had both, for ``BinanceTimeSource/exchangeAligned``.
    private(set) var latestExchangeMinusReceive: Int64?

    init(path: String, timeSource: BinanceTimeSource) {
        self.path = path
        self.timeSource = timeSource
    }

    enum Outcome {
        case message(BinanceStreamMessage)
        /// Not a kind this decoder understands; the label says what it was.
        case unknown(String)
        /// A futures trade with `X` other than `MARKET`, skipped by request.
        case nonMarketTrade
    }

    /// Decodes the root object of a line. `receive` is the line's receive-time prefix, if any.
    mutating func decode(_ root: JSONObjectView, line: Int, receive: Timestamp?,
                         summary: inout BinanceStreamSummary) throws(DataError) -> Outcome {
        var body = root
        var stream: String?
        // Combined streams wrap the payload: {"stream": "btcusdt@trade", "data": {...}}.
        if root.has("data"), let name = root.optionalString("stream") {
            stream = name
            body = try root.object("data", what: "message of stream \(name)")
        }
        let kind: BinanceMessageKind
        if let e = body.optionalString("e") {
            guard let known = BinanceMessageKind(rawValue: e), known != .depthSnapshot else { return .unknown(e) }
            kind = known
        } else if body.has("lastUpdateId") && body.has("bids") && body.has("asks") {
            kind = .depthSnapshot
        } else if body.has("u") && body.has("b") && body.has("B") && body.has("a") && body.has("A") {
            kind = .bookTicker
        } else {
            let keys = body.document.memberNames(body.node, in: body.bytes).sorted().joined(separator: ",")
            return .unknown("(no e) keys: \(keys)")
        }
        let object = body.withWhat("\(kind.rawValue) message")
        // Unknown messages are skipped above before any field is checked, so they never fail.
        let eventTime = try object.optionalMilliseconds("E")
        if let eventTime, let receive {
            let offset = receive.nanoseconds - eventTime.nanoseconds
            if summary.receiveMinusExchange == nil { summary.receiveMinusExchange = ClockOffsetSummary() }
            summary.receiveMinusExchange!.add(offset)
            latestExchangeMinusReceive = -offset
        }

        var message = BinanceStreamMessage(event: .trade(Trade(timestamp: Timestamp(nanoseconds: 0), price: 0, size: 0)),
                                           kind: kind, line: line, symbol: object.optionalString("s"), stream: stream,
                                           receiveTimestamp: receive)
        switch kind {
        case .trade, .aggTrade:
            let exchange = try object.optionalMilliseconds("T") ?? eventTime
            message.exchangeTimestamp = exchange
            if !includeNonMarketTrades, let x = object.optionalString("X"), x != "MARKET" { return .nonMarketTrade }
            let id = try object.int64(kind == .trade ? "t" : "a")
            let buyerIsMaker = try object.bool("m")
            let price = try object.decimal("p")
            let size = try object.decimal("q")
            let time = try timestamp(exchange: exchange, receive: receive, object, exchangeField: "T")
            message.event = .trade(Trade(timestamp: time, price: price, size: size, side: buyerIsMaker ? .sell : .buy, id: String(id)))
        case .bookTicker:
            let exchange = try object.optionalMilliseconds("T") ?? eventTime
            message.exchangeTimestamp = exchange
            message.updateId = try object.optionalInt64("u")
            let time = try timestamp(exchange: exchange, receive: receive, object, exchangeField: "T")
            message.event = .quote(Quote(timestamp: time, bidPrice: try object.decimal("b"), bidSize: try object.decimal("B"),
                                         askPrice: try object.decimal("a"), askSize: try object.decimal("A")))
        case .depthUpdate:
            let exchange = try object.optionalMilliseconds("T") ?? eventTime
            message.exchangeTimestamp = exchange
            let first = try object.int64("U")
            let last = try object.int64("u")
            message.updateId = last
            message.previousUpdateId = try object.optionalInt64("pu")
            let time = try timestamp(exchange: exchange, receive: receive, object, exchangeField: "E")
            message.event = .bookDelta(BookDelta(timestamp: time, firstSequence: first, lastSequence: last,
                                                 bids: try object.levels("b"), asks: try object.levels("a")))
        case .depthSnapshot:
            let exchange = try object.optionalMilliseconds("T") ?? eventTime
            message.exchangeTimestamp = exchange
            let sequence = try object.int64("lastUpdateId")
            message.updateId = sequence
            let time = try timestamp(exchange: exchange, receive: receive, object, exchangeField: "T")
            var bids = try object.levels("bids")
            var asks = try object.levels("asks")
            // BookSnapshot promises best-first order; REST responses already are, so this is a check.
            if !Self.isOrdered(bids, by: { $0.price > $1.price }) { bids.sort { $0.price > $1.price } }
            if !Self.isOrdered(asks, by: { $0.price < $1.price }) { asks.sort { $0.price < $1.price } }
            message.event = .bookSnapshot(BookSnapshot(timestamp: time, sequence: sequence, bids: bids, asks: asks))
        }
        return .message(message)
    }

    /// Chooses the event time according to ``timeSource``.
    private func timestamp(exchange: Timestamp?, receive: Timestamp?, _ object: JSONObjectView,
                           exchangeField: String) throws(DataError) -> Timestamp {
        switch timeSource {
        case .receive:
            guard let receive else {
                throw object.error(.badTimestamp, "receive timestamp", "receive time was requested but the line has no receive-timestamp prefix")
            }
            return receive
        case .exchange, .exchangeAligned:
            if let exchange { return exchange }
            guard let receive else {
                throw object.error(.badTimestamp, exchangeField,
                                   "the message has no exchange time (\(exchangeField)) and the line has no receive-timestamp prefix")
            }
            if timeSource == .exchangeAligned, let shift = latestExchangeMinusReceive { return receive + shift }
            return receive
        }
    }

    /// True when no adjacent pair of `levels` is out of order.
    private static func isOrdered(_ levels: [BookLevel], by areInIncreasingOrder: (BookLevel, BookLevel) -> Bool) -> Bool {
        guard levels.count > 1 else { return true }
        for i in 1..<levels.count where areInIncreasingOrder(levels[i], levels[i - 1]) { return false }
        return true
    }
}

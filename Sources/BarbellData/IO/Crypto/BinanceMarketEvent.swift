/// A market-data event decoded from a Binance stream capture.
public enum BinanceMarketEvent: Sendable, Hashable {
    /// A `trade` or `aggTrade` message.
    case trade(Trade)
    /// A `bookTicker` (best bid and offer) message.
    case quote(Quote)
    /// A REST depth snapshot (`lastUpdateId`, `bids`, `asks`) or a partial-depth stream message.
    case bookSnapshot(BookSnapshot)
    /// A `depthUpdate` (diff depth) message.
    case bookDelta(BookDelta)

    /// The event's time, as chosen by ``BinanceTimeSource``.
    public var timestamp: Timestamp {
        switch self {
        case .trade(let t): return t.timestamp
        case .quote(let q): return q.timestamp
        case .bookSnapshot(let s): return s.timestamp
        case .bookDelta(let d): return d.timestamp
        }
    }
}

/// The Binance message types the stream loader understands.
public enum BinanceMessageKind: String, Sendable, Hashable, CaseIterable, Codable {
    case trade
    case aggTrade
    case depthUpdate
    case bookTicker
    /// REST `GET /api/v3/depth` (or `/fapi/v1/depth`) response, or a partial book depth stream.
    case depthSnapshot
}

/// Which clock stamps decoded events.
///
/// A capture has two clocks: the exchange's (`T`/`E`, milliseconds) and the recorder's receive
/// time (the optional nanosecond prefix). They can disagree by far more than network latency;
/// in the hftbacktest captures the recorder's clock runs about 1.27 s behind Binance.
public enum BinanceTimeSource: String, Sendable, Hashable, CaseIterable {
    /// Exchange time: `T` (trade / transaction time) where present, else `E` (event time).
    /// Messages without either (spot `bookTicker`, spot REST snapshots) take the raw receive
    /// time, so they sit on a different clock than the rest; see ``exchangeAligned``.
    case exchange
    /// Like ``exchange``, but messages without exchange time take their receive time shifted by
    /// the most recently observed `E − receive` offset, so they line up with exchange-stamped
    /// events. Before any offset has been observed the raw receive time is used.
    case exchangeAligned
    /// The recorder's receive time for every event (requires the prefix on every line). All
    /// events then share one clock and stay in file order.
    case receive
}

/// One decoded line of a Binance capture: the event plus the metadata needed to order it,
/// synchronise a book from it, or trace it back to the file.
public struct BinanceStreamMessage: Sendable, Hashable {
    public var event: BinanceMarketEvent
    public var kind: BinanceMessageKind
    /// 1-based line in the (decompressed) file.
    public var line: Int
    /// The message's `s` field (for example `BTCUSDT`), when present.
    public var symbol: String?
    /// The combined-stream name (`btcusdt@trade`), when the line had the `{"stream","data"}` wrapper.
    public var stream: String?
    /// The recorder's receive time from the line prefix, when present.
    public var receiveTimestamp: Timestamp?
    /// The exchange time of the message (`T`, else `E`), when it has one.
    public var exchangeTimestamp: Timestamp?
    /// `u` of `bookTicker`/`depthUpdate`, `lastUpdateId` of a snapshot.
    public var updateId: Int64?
    /// `pu` of a futures `depthUpdate`: the `u` of the previous depth message of the stream.
    public var previousUpdateId: Int64?

    public init(event: BinanceMarketEvent, kind: BinanceMessageKind, line: Int, symbol: String? = nil, stream: String? = nil,
                receiveTimestamp: Timestamp? = nil, exchangeTimestamp: Timestamp? = nil,
                updateId: Int64? = nil, previousUpdateId: Int64? = nil) {
        self.event = event
        self.kind = kind
        self.line = line
        self.symbol = symbol
        self.stream = stream
        self.receiveTimestamp = receiveTimestamp
        self.exchangeTimestamp = exchangeTimestamp
        self.updateId = updateId
        self.previousUpdateId = previousUpdateId
    }
}

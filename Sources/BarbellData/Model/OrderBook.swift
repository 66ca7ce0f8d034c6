/// One price level of an L2 book.
public struct BookLevel: Hashable, Sendable, Codable {
    public var price: Double
    /// Resting size at the price; 0 in a delta means "remove the level".
    public var size: Double

    public init(price: Double, size: Double) {
        self.price = price
        self.size = size
    }
}

/// A full L2 order-book snapshot. Bids are sorted best (highest) first, asks best (lowest) first.
public struct BookSnapshot: Hashable, Sendable, Codable {
    public var timestamp: Timestamp
    /// Exchange sequence number of the snapshot (Binance `lastUpdateId`), when known.
    public var sequence: Int64?
    public var bids: [BookLevel]
    public var asks: [BookLevel]

    public init(timestamp: Timestamp, sequence: Int64? = nil, bids: [BookLevel], asks: [BookLevel]) {
        self.timestamp = timestamp
        self.sequence = sequence
        self.bids = bids
        self.asks = asks
    }
}

/// An incremental L2 update: absolute sizes per changed level (size 0 deletes it).
public struct BookDelta: Hashable, Sendable, Codable {
    public var timestamp: Timestamp
    /// First and last exchange sequence numbers covered (Binance `U`/`u`), when known.
    public var firstSequence: Int64?
    public var lastSequence: Int64?
    public var bids: [BookLevel]
    public var asks: [BookLevel]

    public init(timestamp: Timestamp, firstSequence: Int64? = nil, lastSequence: Int64? = nil,
                bids: [BookLevel], asks: [BookLevel]) {
        self.timestamp = timestamp
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.bids = bids
        self.asks = asks
    }
}

/// A live L2 book built from a snapshot and subsequent deltas.
public struct OrderBook: Sendable {
    public private(set) var bids: [Double: Double] = [:]
    public private(set) var asks: [Double: Double] = [:]
    public private(set) var timestamp: Timestamp?
    public private(set) var sequence: Int64?

    public init() {}

    public init(snapshot: BookSnapshot) {
        reset(to: snapshot)
    }

    public mutating func reset(to snapshot: BookSnapshot) {
        bids = Dictionary(snapshot.bids.filter { $0.size > 0 }.map { ($0.price, $0.size) }, uniquingKeysWith: { _, b in b })
        asks = Dictionary(snapshot.asks.filter { $0.size > 0 }.map { ($0.price, $0.size) }, uniquingKeysWith: { _, b in b })
        timestamp = snapshot.timestamp
        sequence = snapshot.sequence
    }

    /// Applies a delta. Returns false (and leaves the book unchanged) when the delta is older
    /// than the book, as Binance's sync procedure requires dropping such events.
    @discardableResult
    public mutating func apply(_ delta: BookDelta) -> Bool {
        if let seq = sequence, let last = delta.lastSequence, last <= seq { return false }
        for level in delta.bids { bids[level.price] = level.size > 0 ? level.size : nil }
        for level in delta.asks { asks[level.price] = level.size > 0 ? level.size : nil }
        timestamp = delta.timestamp
        if let last = delta.lastSequence { sequence = last }
        return true
    }

    /// The best `depth` levels of each side, best first.
    public func snapshot(depth: Int = .max) -> BookSnapshot {
        let b = bids.sorted { $0.key > $1.key }.prefix(depth).map { BookLevel(price: $0.key, size: $0.value) }
        let a = asks.sorted { $0.key < $1.key }.prefix(depth).map { BookLevel(price: $0.key, size: $0.value) }
        return BookSnapshot(timestamp: timestamp ?? Timestamp(nanoseconds: 0), sequence: sequence, bids: b, asks: a)
    }

    public var bestBid: BookLevel? { bids.max { $0.key < $1.key }.map { BookLevel(price: $0.key, size: $0.value) } }
    public var bestAsk: BookLevel? { asks.min { $0.key < $1.key }.map { BookLevel(price: $0.key, size: $0.value) } }
}

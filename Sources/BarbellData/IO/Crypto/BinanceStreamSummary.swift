/// What a pass over a Binance capture saw besides the events themselves.
public struct BinanceStreamSummary: Sendable, Equatable {
    /// Lines read, blank ones included.
    public var lines = 0
    public var blankLines = 0
    /// Decoded messages per kind (after the symbol filter).
    public var counts: [BinanceMessageKind: Int] = [:]
    /// Skipped messages whose kind the loader does not decode, keyed by their `e` field, or by
    /// a description such as `"(no e) keys: id,result"` for messages without one.
    public var unknownKinds: [String: Int] = [:]
    /// Messages skipped because their `s` differed from the loader's symbol filter.
    public var otherSymbolMessages = 0
    /// Futures trades whose `X` is not `MARKET` (insurance fund, ADL), skipped unless asked for.
    public var nonMarketTrades = 0
    /// Receive time minus exchange event time (`E`) over every line that has both.
    public var receiveMinusExchange: ClockOffsetSummary?

    public init() {}

    /// Total messages skipped as unknown.
    public var unknownCount: Int { unknownKinds.values.reduce(0, +) }

    /// Decoded messages of one kind.
    public func count(_ kind: BinanceMessageKind) -> Int { counts[kind, default: 0] }
}

/// Running statistics of the difference between two clocks, in nanoseconds.
public struct ClockOffsetSummary: Sendable, Equatable {
    public private(set) var samples = 0
    public private(set) var minimum: Int64 = .max
    public private(set) var maximum: Int64 = .min
    private var sum: Double = 0

    public init() {}

    public mutating func add(_ offsetNanoseconds: Int64) {
        samples += 1
        minimum = min(minimum, offsetNanoseconds)
        maximum = max(maximum, offsetNanoseconds)
        sum += Double(offsetNanoseconds)
    }

    /// Mean offset in nanoseconds (NaN without samples).
    public var mean: Double { samples == 0 ? .nan : sum / Double(samples) }
}

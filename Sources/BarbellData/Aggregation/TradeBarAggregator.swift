/// Streaming trades-to-bars aggregation: push trades one at a time, receive each bar as soon
/// as it is complete.
///
/// Produces bars identical (bit for bit) to ``TradeBars/aggregate(_:rule:)`` on the same
/// trades; the two are independent implementations that the tests check against each other.
/// When a bar completes depends on the rule:
///
/// - tick / volume / dollar bars complete on the trade that reaches the count or threshold,
///   and ``push(_:)`` returns them on that very trade;
/// - a time bar completes when a trade of a later bucket arrives (returned by that push), or
///   when the caller's clock passes the bucket end (``advance(to:)``).
///
/// ``finish()`` returns the last, possibly incomplete bar; batch aggregation includes it too.
public struct TradeBarAggregator: Sendable {
    public let rule: TradeBarRule
    private var bar: OpenBar?
    /// Smallest timestamp the next trade may have: the previous trade's (equal timestamps are
    /// normal, many trades share a millisecond), or the clock given to ``advance(to:)``.
    private var minimumNext: Int64 = .min
    private var boundByClock = false
    private var previous: Int64 = .min
    /// Trades pushed so far: the 0-based index used in error messages, as in the batch path.
    private var pushed = 0

    /// - Throws: ``DataError`` `.invalidArgument` for a non-positive tick count or a
    ///   non-positive or non-finite threshold.
    public init(rule: TradeBarRule) throws(DataError) {
        guard rule.isValid else { throw AggregationError.badRule(rule) }
        self.rule = rule
    }

    /// The bar built so far, if any (not yet emitted).
    public var pending: Bar? { bar?.bar }

    /// Adds the next trade; returns a bar if one completed. Only timestamp, price and size are used.
    ///
    /// - Throws: ``DataError`` `.validationFailed` when the trade is earlier than the previous
    ///   one (or than the ``advance(to:)`` clock); the state is left unchanged.
    @inlinable
    public mutating func push(_ trade: Trade) throws(DataError) -> Bar? {
        try push(timestamp: trade.timestamp, price: trade.price, size: trade.size)
    }

    /// Adds the next trade given by its fields; returns a bar if one completed.
    public mutating func push(timestamp: Timestamp, price p: Double, size q: Double) throws(DataError) -> Bar? {
        let t = timestamp.nanoseconds
        if t < minimumNext {
            throw boundByClock
                ? AggregationError.tradeBeforeClock(index: pushed, timestamp: t, clock: minimumNext)
                : AggregationError.tradeOutOfOrder(index: pushed, timestamp: t, previous: previous)
        }
        pushed += 1
        previous = t
        minimumNext = t
        boundByClock = false

        switch rule {
        case .time(let tf):
            if bar != nil && t <= bar!.last {
                bar!.add(price: p, size: q)
                return nil
            }
            // Sorted input means a trade past the bucket's last instant starts a later bucket.
            let done = bar?.bar
            let start = tf.bucketStart(t)
            bar = OpenBar(label: start, last: tf.bucketLast(startingAt: start), price: p, size: q)
            return done
        case .ticks(let n):
            return add(t, p, q) { $0.tradeCount >= Int64(n) }
        case .volume(let threshold):
            return add(t, p, q) { $0.volume >= threshold }
        case .dollar(let threshold):
            return add(t, p, q) { $0.value >= threshold }
        }
    }

    /// Activity bars: open a bar at the first trade, close it when `isFull` says so.
    @inline(__always)
    private mutating func add(_ t: Int64, _ p: Double, _ q: Double, isFull: (OpenBar) -> Bool) -> Bar? {
        if bar == nil {
            bar = OpenBar(label: t, last: .max, price: p, size: q)
        } else {
            bar!.add(price: p, size: q)
        }
        guard isFull(bar!) else { return nil }
        defer { bar = nil }
        return bar!.bar
    }

    /// Declares that no trade earlier than `time` will arrive. For time bars, returns the
    /// pending bar if its bucket ended before `time`; activity bars never complete by the
    /// clock alone, so for them this only tightens the ordering check and returns nil.
    public mutating func advance(to time: Timestamp) -> Bar? {
        if time.nanoseconds > minimumNext {
            minimumNext = time.nanoseconds
            boundByClock = true
        }
        guard case .time = rule, let open = bar, open.last < time.nanoseconds else { return nil }
        bar = nil
        return open.bar
    }

    /// Ends the stream: returns the pending bar, which may be incomplete (fewer ticks or less
    /// volume/value than the rule asks, or a time bucket cut short), and resets the
    /// aggregator for a new, independent stream.
    public mutating func finish() -> Bar? {
        let done = bar?.bar
        bar = nil
        minimumNext = .min
        boundByClock = false
        previous = .min
        pushed = 0
        return done
    }
}

/// A bar being built from trades.
private struct OpenBar: Sendable {
    let label: Int64
    /// Last instant of a time bucket; `.max` for activity bars, which close on activity.
    let last: Int64
    let open: Double
    var high: Double
    var low: Double
    var close: Double
    /// Σ size, in trade order.
    var volume: Double
    /// Σ price·size, in trade order: the vwap numerator and the dollar-bar measure.
    var value: Double
    var tradeCount: Int64

    init(label: Int64, last: Int64, price p: Double, size q: Double) {
        self.label = label
        self.last = last
        open = p
        high = p
        low = p
        close = p
        volume = q
        value = p * q
        tradeCount = 1
    }

    mutating func add(price p: Double, size q: Double) {
        if p > high { high = p }
        if p < low { low = p }
        close = p
        volume += q
        value += p * q
        tradeCount += 1
    }

    var bar: Bar {
        let vwap = volume > 0 ? value / volume : Double.nan
        return Bar(timestamp: Timestamp(nanoseconds: label), open: open, high: high, low: low, close: close,
                   volume: volume, vwap: vwap.isNaN ? nil : vwap, tradeCount: tradeCount)
    }
}

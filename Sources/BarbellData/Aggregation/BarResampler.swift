/// Streaming counterpart of ``BarSeries/resampled(to:)``: push finer bars one at a time and
/// receive each coarser bar as soon as it is known to be complete.
///
/// A coarse bar is complete when a bar from a later bucket arrives (``push(_:)`` returns it),
/// when the caller's clock passes the bucket end (``advance(to:)``, useful live, where the
/// next bar may be minutes away), or at the end of the stream (``finish()``). The bars are
/// bit-identical to the batch function on the same input, whichever way they were emitted.
///
/// ```swift
/// var resampler = try BarResampler(from: .oneMinute, to: .fiveMinutes)
/// for bar in minuteBars { if let done = try resampler.push(bar) { handle(done) } }
/// if let last = resampler.finish() { handle(last) }   // possibly partial
/// ```
public struct BarResampler: Sendable {
    public let source: Timeframe
    public let target: Timeframe
    private var acc: BarAccumulator?
    /// Smallest timestamp the next bar may have (strictly after the last bar, and not before
    /// a clock passed to ``advance(to:)``).
    private var minimumNext: Int64 = .min
    /// Whether `minimumNext` comes from the clock rather than from the previous bar.
    private var boundByClock = false
    private var previous: Int64 = .min
    /// Bars pushed so far: the 0-based index used in error messages, as in the batch function.
    private var pushed = 0

    /// - Throws: ``DataError`` `.invalidArgument` when `target` is not a compatible coarser
    ///   timeframe of `source` (see ``Timeframe/canResample(to:)``).
    public init(from source: Timeframe, to target: Timeframe) throws(DataError) {
        guard source.canResample(to: target) else { throw AggregationError.incompatible(source, target) }
        self.source = source
        self.target = target
    }

    /// The coarse bar built so far, if any (not yet emitted).
    public var pending: Bar? { acc?.bar }

    /// Adds the next finer bar. Returns the previous coarse bar when `bar` starts a later one.
    ///
    /// - Throws: ``DataError`` `.validationFailed` when `bar` is not after the previous bar
    ///   (or is before the ``advance(to:)`` clock) or is not a `source` bar start; the state is
    ///   left unchanged, so the stream can continue with a corrected bar.
    public mutating func push(_ bar: Bar) throws(DataError) -> Bar? {
        let t = bar.timestamp.nanoseconds
        if t < minimumNext {
            throw boundByClock
                ? AggregationError.barBeforeClock(index: pushed, timestamp: t, clock: minimumNext)
                : AggregationError.barOutOfOrder(index: pushed, timestamp: t, previous: previous)
        }
        guard source.bucketStart(t) == t else {
            throw AggregationError.barMisaligned(index: pushed, timestamp: t, timeframe: source)
        }
        pushed += 1
        previous = t
        minimumNext = t == .max ? .max : t + 1
        boundByClock = false
        let w = bar.vwap ?? .nan
        let n = bar.tradeCount ?? -1
        if acc != nil && t <= acc!.last {
            acc!.add(high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, vwap: w, tradeCount: n)
            return nil
        }
        let done = acc?.bar
        let start = target.bucketStart(t)
        acc = BarAccumulator(start: start, last: target.bucketLast(startingAt: start),
                             open: bar.open, high: bar.high, low: bar.low, close: bar.close,
                             volume: bar.volume, vwap: w, tradeCount: n)
        return done
    }

    /// Declares that no bar earlier than `time` will arrive, and returns the pending coarse bar
    /// if its bucket ends at or before `time`. Later pushes must be at or after `time`.
    public mutating func advance(to time: Timestamp) -> Bar? {
        if time.nanoseconds > minimumNext {
            minimumNext = time.nanoseconds
            boundByClock = true
        }
        guard let a = acc, a.last < time.nanoseconds else { return nil }
        acc = nil
        return a.bar
    }

    /// Ends the stream: returns the pending coarse bar (which may cover less than a full
    /// bucket) and resets the resampler for a new, independent stream.
    public mutating func finish() -> Bar? {
        let done = acc?.bar
        acc = nil
        minimumNext = .min
        boundByClock = false
        previous = .min
        pushed = 0
        return done
    }
}

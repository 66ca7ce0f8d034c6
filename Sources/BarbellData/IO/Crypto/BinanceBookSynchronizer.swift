/// Which Binance market a depth stream comes from; they chain update ids differently.
public enum BinanceMarket: String, Sendable, Hashable, CaseIterable {
    /// Spot: consecutive diff messages are contiguous, `U` = previous `u` + 1.
    case spot
    /// USD-M / COIN-M futures: ids are not contiguous; each message's `pu` equals the previous `u`.
    case futures
}

/// What to do when the delta stream has a hole the book cannot bridge.
public enum BinanceGapPolicy: String, Sendable, Hashable, CaseIterable {
    /// Binance's procedure: stop applying deltas until the next snapshot (the book is unknown).
    case resyncOnNextSnapshot
    /// Record the gap and keep applying deltas; the book may hold stale levels afterwards.
    case applyAnyway
    /// Throw a ``DataError/Code/validationFailed`` error naming the line.
    case throwError
}

/// A break in the update-id chain.
public struct BinanceBookGap: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        /// The first delta after a snapshot starts after `lastUpdateId + 1` (spot) or chains from
        /// an id after it (futures `pu > lastUpdateId`): updates between the two were never seen.
        case snapshotBeforeFirstDelta
        /// Spot `U` ≠ previous `u` + 1, or futures `pu` ≠ previous `u`.
        case brokenSequence
    }

    public var reason: Reason
    /// 1-based line of the offending delta, when replayed from a file.
    public var line: Int?
    public var timestamp: Timestamp
    /// The book's update id before the delta (snapshot `lastUpdateId` or previous `u`).
    public var bookUpdateId: Int64
    /// The delta's `U`, `u` and (futures) `pu`.
    public var firstUpdateId: Int64
    public var lastUpdateId: Int64
    public var previousUpdateId: Int64?

    public var description: String {
        let chain = previousUpdateId.map { "pu=\($0), " } ?? ""
        return "\(reason.rawValue): book at update \(bookUpdateId), delta has \(chain)U=\(firstUpdateId), u=\(lastUpdateId)"
    }
}

/// The result of offering a delta to a ``BinanceBookSynchronizer``.
public enum BinanceBookSyncOutcome: Sendable, Hashable {
    case applied
    /// Older than the book (`u` ≤ the book's update id): already contained, dropped.
    case droppedStale
    /// No snapshot yet (or waiting for a new one after a gap): held back and replayed against
    /// the next snapshot, as Binance's procedure buffers the stream while the snapshot loads.
    case buffered
    /// The delta broke the id chain; whether it was applied depends on the ``BinanceGapPolicy``.
    case gap(BinanceBookGap)
}

/// Counts kept by a ``BinanceBookSynchronizer``.
public struct BinanceBookSyncStatistics: Sendable, Hashable {
    public var snapshots = 0
    public var appliedDeltas = 0
    public var staleDeltas = 0
    /// Deltas held back while no snapshot was loaded (they are replayed when one arrives).
    public var bufferedDeltas = 0
    /// Buffered deltas discarded because the buffer was full (oldest first).
    public var bufferOverflowDrops = 0
    /// Every gap seen (the first ``maxRecordedGaps`` are kept in ``gaps``).
    public var gapCount = 0
    public var gaps: [BinanceBookGap] = []
    public static let maxRecordedGaps = 1000

    public init() {}
}

/// Maintains an ``OrderBook`` from a depth snapshot and diff-depth deltas following Binance's
/// "how to manage a local order book" rules:
///
/// 1. Deltas arriving while no snapshot is loaded are buffered (``BinanceBookSyncOutcome/buffered``,
///    at most ``bufferLimit``, oldest dropped first) and replayed when the snapshot arrives; in
///    recorded captures the REST snapshot often lands after the delta that bridges it.
/// 2. Deltas with `u` ≤ the snapshot's `lastUpdateId` are dropped as already contained.
/// 3. The first applied delta must bridge the snapshot: spot `U ≤ lastUpdateId + 1 ≤ u`;
///    futures `pu ≤ lastUpdateId < u` (equivalent to Binance's `U ≤ lastUpdateId ≤ u` rule, and
///    also accepting a snapshot taken exactly between two messages).
/// 4. Afterwards every delta must continue the chain: spot `U` = previous `u` + 1, futures
///    `pu` = previous `u`. A break is a gap, handled by ``gapPolicy``.
///
/// With ``market`` nil, a delta carrying `pu` is treated as futures and one without as spot.
public struct BinanceBookSynchronizer: Sendable {
    public enum State: Sendable, Hashable {
        case awaitingSnapshot
        /// A snapshot is loaded; the next delta must bridge it.
        case awaitingFirstDelta
        case synced
    }

    public var market: BinanceMarket?
    public var gapPolicy: BinanceGapPolicy
    /// Named in errors thrown under ``BinanceGapPolicy/throwError``.
    public var sourcePath: String?
    /// Most deltas held while waiting for a snapshot.
    public var bufferLimit: Int
    public private(set) var book = OrderBook()
    public private(set) var state = State.awaitingSnapshot
    public private(set) var statistics = BinanceBookSyncStatistics()
    private var pending: [(delta: BookDelta, previousUpdateId: Int64?, line: Int?)] = []
    private var pendingStart = 0

    public init(market: BinanceMarket? = nil, gapPolicy: BinanceGapPolicy = .resyncOnNextSnapshot,
                sourcePath: String? = nil, bufferLimit: Int = 10_000) {
        self.market = market
        self.gapPolicy = gapPolicy
        self.sourcePath = sourcePath
        self.bufferLimit = max(0, bufferLimit)
    }

    /// True when the book reflects the exchange's book (snapshot bridged, no unhandled gap).
    public var isSynced: Bool { state == .synced }

    /// Replaces the book with a snapshot (the next delta must bridge it), then replays the
    /// buffered deltas against it. Returns the outcomes of those replayed deltas.
    @discardableResult
    public mutating func apply(snapshot: BookSnapshot) throws(DataError) -> [BinanceBookSyncOutcome] {
        guard snapshot.sequence != nil else {
            throw DataError(.invalidArgument, "a depth snapshot without lastUpdateId cannot be synchronised with deltas",
                            file: sourcePath, field: "lastUpdateId")
        }
        book.reset(to: snapshot)
        state = .awaitingFirstDelta
        statistics.snapshots += 1
        let held = pending[pendingStart...]
        pending.removeAll()
        pendingStart = 0
        var outcomes: [BinanceBookSyncOutcome] = []
        for entry in held {
            outcomes.append(try apply(delta: entry.delta, previousUpdateId: entry.previousUpdateId, line: entry.line))
        }
        return outcomes
    }

    private mutating func buffer(_ delta: BookDelta, _ previousUpdateId: Int64?, _ line: Int?) {
        statistics.bufferedDeltas += 1
        guard bufferLimit > 0 else { statistics.bufferOverflowDrops += 1; return }
        pending.append((delta, previousUpdateId, line))
        if pending.count - pendingStart > bufferLimit {
            pendingStart += 1
            statistics.bufferOverflowDrops += 1
            // Compact now and then instead of shifting the array on every drop.
            if pendingStart > bufferLimit {
                pending.removeFirst(pendingStart)
                pendingStart = 0
            }
        }
    }

    /// Offers one delta. `previousUpdateId` is the futures `pu`; `line` is recorded in gaps.
    @discardableResult
    public mutating func apply(delta: BookDelta, previousUpdateId: Int64? = nil, line: Int? = nil) throws(DataError) -> BinanceBookSyncOutcome {
        guard let first = delta.firstSequence, let last = delta.lastSequence else {
            throw DataError(.invalidArgument, "a depth delta without update ids (U/u) cannot be sequenced",
                            file: sourcePath, line: line, field: delta.firstSequence == nil ? "U" : "u")
        }
        guard state != .awaitingSnapshot, let bookId = book.sequence else {
            buffer(delta, previousUpdateId, line)
            return .buffered
        }
        if last <= bookId {
            statistics.staleDeltas += 1
            return .droppedStale
        }
        let futures = market == .futures || (market == nil && previousUpdateId != nil)
        let chained: Bool
        if futures, let pu = previousUpdateId {
            chained = state == .awaitingFirstDelta ? pu <= bookId : pu == bookId
        } else {
            chained = state == .awaitingFirstDelta ? first <= bookId + 1 : first == bookId + 1
        }
        if !chained {
            let gap = BinanceBookGap(reason: state == .awaitingFirstDelta ? .snapshotBeforeFirstDelta : .brokenSequence,
                                     line: line, timestamp: delta.timestamp, bookUpdateId: bookId,
                                     firstUpdateId: first, lastUpdateId: last, previousUpdateId: futures ? previousUpdateId : nil)
            statistics.gapCount += 1
            if statistics.gaps.count < BinanceBookSyncStatistics.maxRecordedGaps { statistics.gaps.append(gap) }
            switch gapPolicy {
            case .throwError:
                throw DataError(.validationFailed, "order book gap: \(gap.description)", file: sourcePath, line: line,
                                field: futures ? "pu" : "U")
            case .resyncOnNextSnapshot:
                state = .awaitingSnapshot
                // Kept: the next snapshot may fall inside this very delta.
                buffer(delta, previousUpdateId, line)
                return .gap(gap)
            case .applyAnyway:
                book.apply(delta)
                state = .synced
                statistics.appliedDeltas += 1
                return .gap(gap)
            }
        }
        book.apply(delta)
        state = .synced
        statistics.appliedDeltas += 1
        return .applied
    }

    /// Offers a decoded stream message: snapshots reset the book, deltas are sequenced, other
    /// events are ignored (nil).
    @discardableResult
    public mutating func apply(_ message: BinanceStreamMessage) throws(DataError) -> BinanceBookSyncOutcome? {
        switch message.event {
        case .bookSnapshot(let snapshot):
            try apply(snapshot: snapshot)
            return nil
        case .bookDelta(let delta):
            return try apply(delta: delta, previousUpdateId: message.previousUpdateId, line: message.line)
        case .trade, .quote:
            return nil
        }
    }
}

/// The outcome of ``BinanceStreamLoader/replayBook(market:gapPolicy:_:)``.
public struct BinanceBookReplayResult: Sendable {
    /// The synchroniser after the last message: final book, state and statistics.
    public var synchronizer: BinanceBookSynchronizer
    public var summary: BinanceStreamSummary

    public var book: OrderBook { synchronizer.book }
    public var statistics: BinanceBookSyncStatistics { synchronizer.statistics }
}

extension BinanceStreamLoader {
    /// Streams the capture through a ``BinanceBookSynchronizer``.
    ///
    /// `body` is called for every decoded message after the book has taken it into account,
    /// with the sync outcome for deltas (nil for snapshots, trades and quotes) and the
    /// synchroniser, whose ``BinanceBookSynchronizer/book`` and
    /// ``BinanceBookSynchronizer/isSynced`` describe the book at that point. Return false to stop.
    ///
    /// Book replays need a consistent id chain, so captures holding several symbols should be
    /// narrowed with ``symbol``.
    public func replayBook(market: BinanceMarket? = nil, gapPolicy: BinanceGapPolicy = .resyncOnNextSnapshot,
                           _ body: (BinanceStreamMessage, BinanceBookSyncOutcome?, BinanceBookSynchronizer) throws(DataError) -> Bool = { _, _, _ in true })
        throws(DataError) -> BinanceBookReplayResult {
        var synchronizer = BinanceBookSynchronizer(market: market, gapPolicy: gapPolicy, sourcePath: path)
        let summary = try forEachEvent { (message) throws(DataError) -> Bool in
            let outcome = try synchronizer.apply(message)
            return try body(message, outcome, synchronizer)
        }
        return BinanceBookReplayResult(synchronizer: synchronizer, summary: summary)
    }
}

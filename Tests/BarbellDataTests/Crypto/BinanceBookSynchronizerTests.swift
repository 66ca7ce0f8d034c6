import BarbellData
import Foundation
import Testing

private func level(_ price: Double, _ size: Double) -> BookLevel { BookLevel(price: price, size: size) }

private func delta(_ first: Int64, _ last: Int64, bids: [BookLevel] = [], asks: [BookLevel] = []) -> BookDelta {
    BookDelta(timestamp: Timestamp(milliseconds: last), firstSequence: first, lastSequence: last, bids: bids, asks: asks)
}

private let snapshot100 = BookSnapshot(timestamp: Timestamp(milliseconds: 1), sequence: 100,
                                       bids: [level(10, 1), level(9, 2)], asks: [level(11, 1), level(12, 3)])

@Suite("Binance book synchroniser: sequencing rules")
struct BinanceBookSynchronizerRuleTests {
    @Test("Spot: stale deltas dropped, first delta must bridge lastUpdateId+1, then U = previous u + 1")
    func spotChain() throws {
        var sync = BinanceBookSynchronizer(market: .spot)
        try sync.apply(snapshot: snapshot100)
        #expect(sync.state == .awaitingFirstDelta)
        #expect(try sync.apply(delta: delta(90, 100, bids: [level(10, 99)])) == .droppedStale)
        #expect(sync.book.bids[10] == 1, "a stale delta leaves the book alone")
        #expect(try sync.apply(delta: delta(98, 103, bids: [level(10, 5)], asks: [level(11, 0)])) == .applied)
        #expect(sync.isSynced)
        #expect(try sync.apply(delta: delta(104, 105, bids: [level(10.5, 1)])) == .applied)
        #expect(sync.book.bestBid == level(10.5, 1))
        #expect(sync.book.bestAsk == level(12, 3))
        #expect(sync.book.sequence == 105)
        #expect(sync.statistics.appliedDeltas == 2 && sync.statistics.staleDeltas == 1 && sync.statistics.gapCount == 0)
    }

    @Test("Spot: a first delta starting after lastUpdateId+1 is a gap (updates were missed)")
    func snapshotTooOld() throws {
        var sync = BinanceBookSynchronizer(market: .spot)
        try sync.apply(snapshot: snapshot100)
        let outcome = try sync.apply(delta: delta(102, 104), line: 7)
        guard case .gap(let gap) = outcome else { Issue.record("expected a gap, got \(outcome)"); return }
        #expect(gap.reason == .snapshotBeforeFirstDelta)
        #expect(gap.bookUpdateId == 100 && gap.firstUpdateId == 102 && gap.lastUpdateId == 104 && gap.line == 7)
        #expect(sync.state == .awaitingSnapshot)
    }

    @Test("Spot: a broken chain waits for the next snapshot, which replays the held deltas")
    func resyncAfterGap() throws {
        var sync = BinanceBookSynchronizer(market: .spot)
        try sync.apply(snapshot: snapshot100)
        #expect(try sync.apply(delta: delta(101, 102)) == .applied)
        guard case .gap(let gap) = try sync.apply(delta: delta(105, 106, bids: [level(9, 7)])) else { Issue.record("expected a gap"); return }
        #expect(gap.reason == .brokenSequence && gap.bookUpdateId == 102)
        #expect(!sync.isSynced)
        #expect(try sync.apply(delta: delta(107, 108, asks: [level(11.5, 2)])) == .buffered)
        let snapshot = BookSnapshot(timestamp: Timestamp(milliseconds: 2), sequence: 105, bids: [level(10, 1)], asks: [level(12, 1)])
        let replayed = try sync.apply(snapshot: snapshot)
        // The gap delta (105...106) bridges 105+1 and is applied, then 107...108 follows it.
        #expect(replayed == [.applied, .applied])
        #expect(sync.isSynced)
        #expect(sync.book.bids[9] == 7 && sync.book.bestAsk == level(11.5, 2))
        #expect(sync.statistics.gapCount == 1 && sync.statistics.snapshots == 2)
    }

    @Test("Deltas before the first snapshot are buffered and replayed; the oldest overflow the buffer")
    func buffering() throws {
        var sync = BinanceBookSynchronizer(market: .spot, bufferLimit: 2)
        #expect(try sync.apply(delta: delta(95, 99)) == .buffered)
        #expect(try sync.apply(delta: delta(100, 101, bids: [level(10, 4)])) == .buffered)
        #expect(try sync.apply(delta: delta(102, 103, bids: [level(9, 0)])) == .buffered)
        #expect(sync.statistics.bufferOverflowDrops == 1)
        let replayed = try sync.apply(snapshot: snapshot100)
        #expect(replayed == [.applied, .applied])
        #expect(sync.book.bids == [10: 4])
        #expect(sync.book.sequence == 103)
    }

    @Test("Futures: pu must equal the previous u; the first delta needs pu <= lastUpdateId < u")
    func futuresChain() throws {
        var sync = BinanceBookSynchronizer(market: nil)
        try sync.apply(snapshot: snapshot100)
        // Ids are not contiguous on futures: U jumps, pu links.
        #expect(try sync.apply(delta: delta(95, 120), previousUpdateId: 90) == .applied)
        #expect(try sync.apply(delta: delta(130, 140), previousUpdateId: 120) == .applied)
        guard case .gap(let gap) = try sync.apply(delta: delta(150, 160), previousUpdateId: 145, line: 12) else {
            Issue.record("expected a gap"); return
        }
        #expect(gap.reason == .brokenSequence && gap.previousUpdateId == 145 && gap.bookUpdateId == 140)

        var late = BinanceBookSynchronizer(market: .futures)
        try late.apply(snapshot: snapshot100)
        guard case .gap(let first) = try late.apply(delta: delta(130, 140), previousUpdateId: 120) else { Issue.record("expected a gap"); return }
        #expect(first.reason == .snapshotBeforeFirstDelta)

        var between = BinanceBookSynchronizer(market: .futures)
        try between.apply(snapshot: snapshot100)
        #expect(try between.apply(delta: delta(100, 100), previousUpdateId: 90) == .droppedStale)
        #expect(try between.apply(delta: delta(130, 140), previousUpdateId: 100) == .applied, "a delta chaining exactly from the snapshot id")
    }

    @Test("Gap policies: apply anyway records and continues; throw names file, line and field")
    func policies() throws {
        var lenient = BinanceBookSynchronizer(market: .spot, gapPolicy: .applyAnyway)
        try lenient.apply(snapshot: snapshot100)
        #expect(try lenient.apply(delta: delta(101, 102)) == .applied)
        let outcome = try lenient.apply(delta: delta(110, 111, bids: [level(10, 8)]))
        if case .gap = outcome {} else { Issue.record("expected a gap, got \(outcome)") }
        #expect(lenient.isSynced && lenient.book.bids[10] == 8 && lenient.statistics.gapCount == 1)
        #expect(try lenient.apply(delta: delta(112, 113)) == .applied)

        var strict = BinanceBookSynchronizer(market: .spot, gapPolicy: .throwError, sourcePath: "capture.txt")
        try strict.apply(snapshot: snapshot100)
        let error = cryptoExpectDataError { try strict.apply(delta: delta(101, 102, bids: []), line: 41) ; return try strict.apply(delta: delta(104, 105), line: 42) }
        cryptoExpectLocated(error, file: "capture.txt", line: 42, field: "U", code: .validationFailed)

        var futures = BinanceBookSynchronizer(market: .futures, gapPolicy: .throwError, sourcePath: "f.txt")
        try futures.apply(snapshot: snapshot100)
        cryptoExpectLocated(cryptoExpectDataError { try futures.apply(delta: delta(130, 140), previousUpdateId: 120, line: 3) },
                      file: "f.txt", line: 3, field: "pu", code: .validationFailed)
    }

    @Test("Deltas without ids and snapshots without lastUpdateId are rejected")
    func missingIds() {
        var sync = BinanceBookSynchronizer(sourcePath: "x.txt")
        let noIds = BookDelta(timestamp: Timestamp(milliseconds: 1), bids: [], asks: [])
        cryptoExpectLocated(cryptoExpectDataError { try sync.apply(delta: noIds, line: 5) }, file: "x.txt", line: 5, field: "U", code: .invalidArgument)
        let error = cryptoExpectDataError { try sync.apply(snapshot: BookSnapshot(timestamp: Timestamp(milliseconds: 1), bids: [], asks: [])) }
        #expect(error?.field == "lastUpdateId")
    }
}

/// Replays a capture and records the top of book after every applied delta, plus the
/// bookTicker quotes by update id, for comparison after the pass.
private struct ReplayRecord {
    var result: BinanceBookReplayResult
    var tops: [(updateId: Int64, bid: BookLevel, ask: BookLevel)] = []
    var tickers: [(updateId: Int64, quote: Quote)] = []
    var crossed = 0
    var unsyncedApplies = 0

    /// `topEvery` samples the top of book every n-th applied delta: finding the best level of an
    /// unsorted book is linear, which is slow for long captures in debug builds.
    init(path: String, market: BinanceMarket?, topEvery: Int = 1) throws {
        var tops: [(Int64, BookLevel, BookLevel)] = []
        var tickers: [(Int64, Quote)] = []
        var crossed = 0
        var unsynced = 0
        var applied = 0
        result = try BinanceStreamLoader(path: path).replayBook(market: market) { message, outcome, sync in
            if case .quote(let quote) = message.event, let u = message.updateId { tickers.append((u, quote)) }
            let bookChanged = outcome == .applied || (message.kind == .depthSnapshot && sync.isSynced)
            if bookChanged {
                if !sync.isSynced { unsynced += 1 }
                applied += 1
                guard applied % topEvery == 0 else { return true }
                guard let bid = sync.book.bestBid, let ask = sync.book.bestAsk else { crossed += 1; return true }
                if bid.price >= ask.price { crossed += 1 }
                tops.append((sync.book.sequence!, bid, ask))
            }
            return true
        }
        self.tops = tops.map { (updateId: $0.0, bid: $0.1, ask: $0.2) }
        self.tickers = tickers.sorted { $0.0 < $1.0 }.map { (updateId: $0.0, quote: $0.1) }
        self.crossed = crossed
        self.unsyncedApplies = unsynced
    }

    /// For each recorded top, the bookTicker with the largest update id not after the book's
    /// id shows the same top of book: bookTicker pushes every change of the best levels, so
    /// nothing may have changed between that ticker and the book state.
    func compareWithTickers() -> (checked: Int, mismatches: [String]) {
        var checked = 0
        var mismatches: [String] = []
        let ids = tickers.map(\.updateId)
        for top in tops {
            var lo = 0, hi = ids.count
            while lo < hi { let mid = (lo + hi) / 2; if ids[mid] <= top.updateId { lo = mid + 1 } else { hi = mid } }
            guard lo > 0 else { continue }
            let q = tickers[lo - 1].quote
            checked += 1
            if q.bidPrice != top.bid.price || q.bidSize != top.bid.size || q.askPrice != top.ask.price || q.askSize != top.ask.size {
                mismatches.append("book \(top.updateId): \(top.bid.price)x\(top.bid.size) / \(top.ask.price)x\(top.ask.size); ticker \(tickers[lo - 1].updateId): \(q.bidPrice)x\(q.bidSize) / \(q.askPrice)x\(q.askSize)")
            }
        }
        return (checked, mismatches)
    }
}

@Suite("Binance book replay: real captures")
struct BinanceBookReplayRealDataTests {
    @Test("Spot sample: book syncs without gaps, never crosses, and matches every bookTicker by update id")
    func spotSample() throws {
        let record = try ReplayRecord(path: CryptoTestData.spotSample, market: .spot)
        let stats = record.result.statistics
        #expect(record.result.synchronizer.isSynced)
        #expect(stats.snapshots == 1)
        #expect(stats.gapCount == 0)
        // The REST snapshot arrived after three deltas; two were older than it, one bridged it.
        #expect(stats.bufferedDeltas == 3)
        #expect(stats.staleDeltas == 2)
        #expect(stats.appliedDeltas == 3449)
        #expect(record.crossed == 0)
        #expect(record.unsyncedApplies == 0)
        let (checked, mismatches) = record.compareWithTickers()
        #expect(checked >= 3400)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(record.result.book.sequence == 50_093_421_584)
    }

    @Test("USD-M futures: counts match the README, the pu chain holds, the book never crosses and matches bookTicker (every 4th delta)",
          .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing"))
    func futures() throws {
        let record = try ReplayRecord(path: CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-usdm_btcusdt_20240808.txt.gz"),
                                      market: nil, topEvery: 4)
        let summary = record.result.summary
        #expect(summary.lines == 93954)
        #expect(summary.count(.depthUpdate) == 6551)
        #expect(summary.count(.bookTicker) == 66089)
        #expect(summary.count(.trade) == 21313)
        #expect(summary.count(.depthSnapshot) == 1)
        #expect(summary.nonMarketTrades == 0)
        let offset = try #require(summary.receiveMinusExchange)
        #expect(offset.mean > -1.30e9 && offset.mean < -1.24e9)
        let stats = record.result.statistics
        #expect(record.result.synchronizer.isSynced)
        #expect(stats.gapCount == 0)
        #expect(stats.appliedDeltas + stats.staleDeltas == 6551)
        #expect(stats.appliedDeltas > 6500)
        #expect(record.crossed == 0)
        #expect(record.unsyncedApplies == 0)
        let (checked, mismatches) = record.compareWithTickers()
        #expect(checked >= 1600)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test("The 08-09 spot file continues the 08-08 book without a gap",
          .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing"))
    func continuation() throws {
        var sync = BinanceBookSynchronizer(market: .spot, gapPolicy: .throwError)
        var checked = 0
        var crossed = 0
        for (day, path) in [CryptoTestData.spotSample, CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-spot_btcusdt_20240809.txt.gz")].enumerated() {
            sync.sourcePath = path
            var applied = 0
            try BinanceStreamLoader(path: path).forEachEvent { (message) throws(DataError) -> Bool in
                guard try sync.apply(message) == .applied, day == 1 else { return true }
                // Day 1 is checked delta by delta in `spotSample`; sample day 2 (linear best-level search).
                applied += 1
                if applied % 4 == 0, let bid = sync.book.bestBid, let ask = sync.book.bestAsk {
                    checked += 1
                    if bid.price >= ask.price { crossed += 1 }
                }
                return true
            }
        }
        #expect(sync.isSynced)
        #expect(sync.statistics.appliedDeltas == 3449 + 3044)
        #expect(sync.statistics.gapCount == 0)
        #expect(checked == 3044 / 4)
        #expect(crossed == 0)
    }

    @Test("A capture without a snapshot never syncs; its deltas stay buffered",
          .enabled(if: CryptoTestData.hasSharedData, "shared data folder ../shared/data is missing"))
    func noSnapshot() throws {
        let result = try BinanceStreamLoader(path: CryptoTestData.shared("ticks_orderbook/hftbacktest_binance-spot_btcusdt_20240809.txt.gz")).replayBook()
        #expect(result.synchronizer.state == .awaitingSnapshot)
        #expect(result.statistics.appliedDeltas == 0)
        #expect(result.statistics.bufferedDeltas == 3044)
        #expect(result.book.bestBid == nil)
    }
}

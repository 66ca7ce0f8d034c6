import BarbellData
import BarbellStore
import Foundation
import Testing

/// The ``MarketDataStore`` contract, run against every store kind (see ``StoreKind/enabled``).
@Suite("MarketDataStore contract")
struct MarketDataStoreTests {
    // MARK: Round trips

    @Test("round trip is bit-exact", arguments: StoreKind.enabled)
    func roundTripBitExact(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let awkward = BarFixtures.awkward("ETH/BTC")
            let plain = BarFixtures.minutes("back\\slash 日経", count: 500)
            let summary = try await store.importBars([awkward, plain], source: "fixture")
            #expect(summary.rowsInserted == awkward.count + plain.count)
            #expect(summary.rowsPresent == 0)
            #expect(summary.seriesCount == 2)

            let back = try await store.bars(symbol: awkward.symbol, timeframe: awkward.timeframe!)
            expectIdentical(back, awkward)
            #expect(back.vwap != nil && back.tradeCount != nil)
            #expect(back.open[0].sign == .minus && back.open[0] == 0, "-0.0 keeps its sign")

            let plainBack = try await store.bars(symbol: plain.symbol, timeframe: .oneMinute)
            expectIdentical(plainBack, plain)
            #expect(plainBack.vwap == nil && plainBack.tradeCount == nil, "columns never stored are absent")
        }
    }

    @Test("vwap and trade count columns that hold only missing values are not stored", arguments: StoreKind.enabled)
    func missingOptionalColumns(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            var series = BarFixtures.minutes("NOVWAP", count: 10)
            series.vwap = Array(repeating: .nan, count: 10)
            series.tradeCount = Array(repeating: -1, count: 10)
            try await store.importBars([series], source: "t")
            let back = try await store.bars(symbol: "NOVWAP", timeframe: .oneMinute)
            #expect(back.vwap == nil)
            #expect(back.tradeCount == nil)
        }
    }

    /// Long enough for the SQLite store's split read (two connections, joined in order),
    /// with vwap and trade counts so the optional columns are split and joined too.
    @Test("long series and ranges of them read back whole and in order", arguments: StoreKind.enabled)
    func longReads(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("LONG", count: 260_000, vwap: true, trades: true)
            try await store.importBars([series], source: "t")
            expectIdentical(try await store.bars(symbol: "LONG", timeframe: .oneMinute), series)
            let t = series.timestamps
            let part = try await store.bars(symbol: "LONG", timeframe: .oneMinute, from: t[1_234], to: t[250_001])
            expectIdentical(part, series.selecting(rows: 1_234..<250_001))
            // A later import that changes the series is seen whole by the next read.
            let changed = BarFixtures.changingClose(series, rows: [5, 200_000])
            try await store.importBars([changed], source: "t", replace: true)
            expectIdentical(try await store.bars(symbol: "LONG", timeframe: .oneMinute), changed)
        }
    }

    // MARK: Queries

    @Test("range queries are [from, to) and ordered by time", arguments: StoreKind.enabled)
    func rangeQueries(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("RANGE", count: 1_000, vwap: true, trades: true)
            let other = BarFixtures.minutes("RANGE", count: 50, timeframe: .fiveMinutes)
            try await store.importBars([series, other], source: "t")
            let t = series.timestamps
            let cases: [(Timestamp?, Timestamp?)] = [
                (nil, nil), (t[100], t[200]), (nil, t[10]), (t[990], nil), (t[5], t[5]), (t[7], t[3]),
                (t[0] + (-1), t[0] + 1), (t[999] + 1, nil), (Timestamp(nanoseconds: .min), Timestamp(nanoseconds: .max)),
                (t[10] + 1, t[20] + 1),
            ]
            for (from, to) in cases {
                let got = try await store.bars(symbol: "RANGE", timeframe: .oneMinute, from: from, to: to)
                expectIdentical(got, series.slice(from: from, to: to))
            }
            let five = try await store.bars(symbol: "RANGE", timeframe: .fiveMinutes)
            expectIdentical(five, other)
        }
    }

    @Test("reading or deleting an unknown series is notFound", arguments: StoreKind.enabled)
    func unknownSeries(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            try await store.importBars([BarFixtures.minutes("KNOWN", count: 3)], source: "t")
            let read = await #expect(throws: DataError.self) {
                try await store.bars(symbol: "KNOWN", timeframe: .oneHour)
            }
            #expect(read?.code == .notFound)
            let delete = await #expect(throws: DataError.self) {
                try await store.deleteSeries(symbol: "UNKNOWN", timeframe: .oneMinute)
            }
            #expect(delete?.code == .notFound)
        }
    }

    @Test("listing reports adjustment, count and span per series", arguments: StoreKind.enabled)
    func listing(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            #expect(try await store.listSeries().isEmpty)
            let a = BarFixtures.minutes("BBB", count: 30, timeframe: .oneDay, adjustment: .all, trades: true)
            let wider = BarFixtures.minutes("AAA", count: 40, vwap: true)
            let b = wider.selecting(rows: 10..<30)
            let c = BarFixtures.minutes("AAA", count: 10, timeframe: .oneHour)
            try await store.importBars([a, b, c], source: "t")
            let listed = try await store.listSeries()
            #expect(listed.map { "\($0.symbol) \($0.timeframe)" } == ["AAA 1m", "AAA 1h", "BBB 1d"])
            #expect(listed[0] == StoredSeries(symbol: "AAA", timeframe: .oneMinute, adjustment: .none, count: 20,
                                              first: b.timestamps[0], last: b.timestamps[19], hasVWAP: true, hasTradeCount: false))
            #expect(listed[2] == StoredSeries(symbol: "BBB", timeframe: .oneDay, adjustment: .all, count: 30,
                                              first: a.timestamps[0], last: a.timestamps[29], hasVWAP: false, hasTradeCount: true))

            // Appending earlier and later bars widens the span and the count.
            let summary = try await store.importBars([wider], source: "t")
            #expect(summary.rowsInserted == 20 && summary.rowsPresent == 20)
            let after = try await store.listSeries().first { $0.symbol == "AAA" && $0.timeframe == .oneMinute }
            #expect(after?.count == 40)
            #expect(after?.first == wider.timestamps[0])
            #expect(after?.last == wider.timestamps[39])
        }
    }

    @Test("deleting a series removes its bars and nothing else", arguments: StoreKind.enabled)
    func deleting(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let keep = BarFixtures.minutes("KEEP", count: 25)
            let drop = BarFixtures.minutes("DROP", count: 40)
            try await store.importBars([keep, drop], source: "t")
            #expect(try await store.deleteSeries(symbol: "DROP", timeframe: .oneMinute) == 40)
            #expect(try await store.listSeries().map(\.symbol) == ["KEEP"])
            expectIdentical(try await store.bars(symbol: "KEEP", timeframe: .oneMinute), keep)
            // A deleted series can be stored again, with another adjustment too.
            var again = drop
            again.adjustment = .splits
            let summary = try await store.importBars([again], source: "t")
            #expect(summary.rowsInserted == 40)
        }
    }

    // MARK: Idempotency, conflicts, replace

    @Test("re-importing the same data adds nothing", arguments: StoreKind.enabled)
    func idempotentReimport(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("SAME", count: 2_000, vwap: true, trades: true)
            let awkward = BarFixtures.awkward("ODD")
            let first = try await store.importBars([series, awkward], source: "a.csv")
            #expect(first.rowsInserted == 2_006)
            let second = try await store.importBars([series, awkward], source: "a.csv")
            #expect(second.rowsInserted == 0)
            #expect(second.rowsPresent == 2_006)
            #expect(second.rowsReplaced == 0)
            #expect(second.contentHash == first.contentHash)
            #expect(second.importID > first.importID, "every import is recorded")
            #expect(second.description.contains("0 new, 2006 already present"))

            let extended = BarFixtures.minutes("SAME", count: 3_000, vwap: true, trades: true)
            let third = try await store.importBars([extended], source: "b.csv")
            #expect(third.rowsInserted == 1_000)
            #expect(third.rowsPresent == 2_000)
            #expect(try await store.listSeries().first { $0.symbol == "SAME" }?.count == 3_000)
            expectIdentical(try await store.bars(symbol: "SAME", timeframe: .oneMinute), extended)
        }
    }

    @Test("gaps inside the stored span are filled", arguments: StoreKind.enabled)
    func fillingGaps(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let full = BarFixtures.minutes("GAPS", count: 300, trades: true)
            try await store.importBars([full.selecting(rows: 0..<100)], source: "t")
            try await store.importBars([full.selecting(rows: 200..<300)], source: "t")
            #expect(try await store.listSeries()[0].count == 200)
            let summary = try await store.importBars([full], source: "t")
            #expect(summary.rowsInserted == 100)
            #expect(summary.rowsPresent == 200)
            expectIdentical(try await store.bars(symbol: "GAPS", timeframe: .oneMinute), full)
            #expect(try await store.listSeries()[0].count == 300)
        }
    }

    @Test("conflicting values fail the import and change nothing", arguments: StoreKind.enabled)
    func conflictLeavesStoreUnchanged(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("CONF", count: 100)
            try await store.importBars([series], source: "t")
            let before = try await Snapshot(store)

            // Two changed rows plus 50 new rows after the stored ones: none may be written.
            var changed = BarFixtures.minutes("CONF", count: 150)
            changed = BarFixtures.changingClose(changed, rows: [10, 20])
            let error = await #expect(throws: DataError.self) {
                try await store.importBars([changed], source: "t")
            }
            #expect(error?.code == .conflict)
            let message = error?.message ?? ""
            #expect(message.contains("2 bar(s)"), "\(message)")
            #expect(message.contains("CONF 1m at \(series.timestamps[10].iso8601)"), "\(message)")
            #expect(message.contains("stored close \(series.close[10])"), "\(message)")
            #expect(message.contains("new close \(changed.close[10])"), "\(message)")
            #expect(try await Snapshot(store) == before)

            // A missing value where one is stored is a change too.
            var lost = series
            lost.volume[3] = .nan
            let lostError = await #expect(throws: DataError.self) { try await store.importBars([lost], source: "t") }
            #expect(lostError?.code == .conflict)
            #expect(try await Snapshot(store) == before)
        }
    }

    @Test("conflict messages list the first few of many", arguments: StoreKind.enabled)
    func manyConflicts(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("MANY", count: 100)
            try await store.importBars([series], source: "t")
            let changed = BarFixtures.changingClose(series, rows: Array(0..<100), by: 0.5)
            let error = await #expect(throws: DataError.self) { try await store.importBars([changed], source: "t") }
            #expect(error?.message.contains("100 bar(s)") == true)
            #expect(error?.message.contains("and 95 more") == true, "\(error?.message ?? "")")
        }
    }

    @Test("replace overwrites differing rows", arguments: StoreKind.enabled)
    func replace(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("REPL", count: 100, trades: true)
            try await store.importBars([series], source: "t")
            var changed = BarFixtures.minutes("REPL", count: 120, vwap: true, trades: true)
            changed.vwap = series.close.map { _ in Double.nan } + Array(repeating: 1.5, count: 20)
            changed = BarFixtures.changingClose(changed, rows: [0, 99])
            changed.tradeCount![50] = 999_999
            let summary = try await store.importBars([changed], source: "t", replace: true)
            #expect(summary.rowsInserted == 20)
            #expect(summary.rowsReplaced == 3)
            #expect(summary.rowsPresent == 97)
            #expect(summary.description.contains("3 replaced"))
            expectIdentical(try await store.bars(symbol: "REPL", timeframe: .oneMinute), changed)
            #expect(try await store.listSeries()[0].count == 120)
            // Replacing with identical data is a no-op.
            let again = try await store.importBars([changed], source: "t", replace: true)
            #expect(again.rowsReplaced == 0 && again.rowsPresent == 120)
        }
    }

    @Test("an adjustment different from the stored series' is a conflict", arguments: StoreKind.enabled)
    func adjustmentMismatch(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let raw = BarFixtures.minutes("ADJ", count: 10, timeframe: .oneDay)
            try await store.importBars([raw], source: "t")
            let before = try await Snapshot(store)
            var adjusted = BarFixtures.minutes("ADJ", count: 12, timeframe: .oneDay, adjustment: .splits)
            adjusted.close[0] = 1
            for replace in [false, true] {
                let error = await #expect(throws: DataError.self) {
                    try await store.importBars([adjusted], source: "t", replace: replace)
                }
                #expect(error?.code == .conflict)
                #expect(error?.message.contains("'raw'") == true && error?.message.contains("'splits'") == true,
                        "\(error?.message ?? "")")
                #expect(try await Snapshot(store) == before)
            }
            // The same adjustment on another timeframe is a separate series.
            let other = BarFixtures.minutes("ADJ", count: 5, timeframe: .oneHour, adjustment: .splits)
            #expect(try await store.importBars([other], source: "t").rowsInserted == 5)
        }
    }

    // MARK: Atomicity and validation

    @Test("an import failing mid-way leaves the store exactly as before", arguments: StoreKind.enabled)
    func failedImportRollsBack(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let stored = BarFixtures.minutes("HELD", count: 200, vwap: true)
            let first = try await store.importBars([stored], source: "t")
            let before = try await Snapshot(store)

            let fresh = BarFixtures.minutes("FRESH", count: 300, trades: true)
            let appended = BarFixtures.minutes("HELD", count: 260, vwap: true)
            var noTimeframe = BarFixtures.minutes("NOTF", count: 5)
            noTimeframe.timeframe = nil
            var wrongAdjustment = stored
            wrongAdjustment.adjustment = .dividends
            let failing: [[BarSeries]] = [
                [fresh, appended, BarFixtures.changingClose(stored, rows: [150])],  // conflict after writes
                [fresh, appended, noTimeframe],                                     // invalid series
                [fresh, wrongAdjustment],                                          // adjustment after a write
                [fresh, fresh],                                                    // duplicate series
            ]
            for batch in failing {
                await #expect(throws: DataError.self) { try await store.importBars(batch, source: "bad") }
                #expect(try await Snapshot(store) == before)
                let fresh = await #expect(throws: DataError.self) { try await store.bars(symbol: "FRESH", timeframe: .oneMinute) }
                #expect(fresh?.code == .notFound)
            }
            // The failures left no trace in the imports log either: the next id follows on.
            let next = try await store.importBars([fresh], source: "t")
            #expect(next.rowsInserted == 300)
            #expect(next.importID > first.importID)
        }
    }

    @Test("malformed series are rejected before anything is written", arguments: StoreKind.enabled)
    func validation(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            var noTimeframe = BarFixtures.minutes("X", count: 3)
            noTimeframe.timeframe = nil
            var unordered = BarFixtures.minutes("Y", count: 3)
            unordered.timestamps.swapAt(0, 1)
            var ragged = BarFixtures.minutes("Z", count: 3)
            ragged.close.removeLast()
            var duplicate = BarFixtures.minutes("W", count: 3)
            duplicate.timestamps[2] = duplicate.timestamps[1]
            for (bad, needle) in [(noTimeframe, "no timeframe"), (unordered, "strictly increasing"),
                                  (ragged, "different lengths"), (duplicate, "strictly increasing")] {
                let error = await #expect(throws: DataError.self) { try await store.importBars([bad], source: "t") }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains(needle) == true, "\(error?.message ?? "")")
            }
            #expect(try await store.listSeries().isEmpty)
            // An empty series is valid and stores nothing.
            let empty = try await store.importBars([BarSeries(symbol: "E", timeframe: .oneMinute)], source: "t")
            #expect(empty.rowsGiven == 0)
            #expect(try await store.listSeries().isEmpty)
        }
    }

    // MARK: Concurrency

    @Test("concurrent readers see complete series while imports run", arguments: StoreKind.enabled)
    func concurrentReaders(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("CONC", count: 20_000, vwap: true, trades: true)
            try await store.importBars([series], source: "t")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        let got = try await store.bars(symbol: "CONC", timeframe: .oneMinute)
                        expectIdentical(got, series)
                        let part = try await store.bars(symbol: "CONC", timeframe: .oneMinute,
                                                        from: series.timestamps[i * 100], to: series.timestamps[i * 100 + 500])
                        #expect(part.count == 500)
                    }
                }
                for i in 0..<3 {
                    group.addTask {
                        let other = BarFixtures.minutes(Symbol("W\(i)"), count: 5_000)
                        let summary = try await store.importBars([other], source: "writer \(i)")
                        #expect(summary.rowsInserted == 5_000)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.listSeries().count == 4)
        }
    }

    @Test("concurrent imports of the same bars count each bar once", arguments: StoreKind.enabled)
    func concurrentSameImports(kind: StoreKind) async throws {
        try await ScratchStore.with(kind) { store in
            let series = BarFixtures.minutes("RACE", count: 3_000)
            let summaries = try await withThrowingTaskGroup(of: ImportSummary.self) { group in
                for _ in 0..<4 { group.addTask { try await store.importBars([series], source: "t") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(summaries.map(\.rowsInserted).reduce(0, +) == 3_000)
            #expect(try await store.listSeries()[0].count == 3_000)
        }
    }
}

/// Everything observable through the store's API, to compare before and after a failure.
struct Snapshot: Equatable {
    var series: [StoredSeries]
    var bars: [String]

    init(_ store: any MarketDataStore) async throws {
        series = try await store.listSeries()
        bars = []
        for s in series {
            let b = try await store.bars(symbol: s.symbol, timeframe: s.timeframe)
            // Text of the bit patterns, so NaN compares equal to NaN.
            bars.append("\(b.symbol) \(String(describing: b.timeframe)) \(b.adjustment) \(b.timestamps.map(\.nanoseconds)) "
                + [b.open, b.high, b.low, b.close, b.volume, b.vwap ?? []].map { $0.map { $0.isNaN ? "nan" : "\($0.bitPattern)" } }.description
                + "\(b.tradeCount ?? [])")
        }
    }
}

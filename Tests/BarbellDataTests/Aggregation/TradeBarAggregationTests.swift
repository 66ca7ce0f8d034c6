import BarbellData
import Testing

@Suite("Trades to bars")
struct TradeBarAggregationTests {
    static let t0 = Timestamp(year: 2024, month: 3, day: 5, hour: 14, minute: 30)

    static func series(_ rows: [(Int64, Double, Double)], from start: Timestamp = t0) -> TradeSeries {
        TradeSeries(symbol: "T", trades: rows.map { Trade(timestamp: start + $0.0 * Timestamp.nanosPerSecond, price: $0.1, size: $0.2) })
    }

    @Test("1-minute time bars: OHLCV, vwap, count, labels, empty minutes skipped")
    func timeBarsByHand() throws {
        // seconds after 14:30:00, price, size
        let trades = Self.series([(0, 10, 1), (15, 12, 2), (15, 9, 1), (59, 11, 4), // 14:30
                                  (60, 11.5, 2),                                    // 14:31
                                  (185, 13, 1), (190, 12.5, 3)])                    // 14:33 (14:32 empty)
        let bars = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        #expect(bars.timeframe == .oneMinute)
        #expect(bars.timestamps == [Self.t0, Self.t0 + 60 * Timestamp.nanosPerSecond, Self.t0 + 180 * Timestamp.nanosPerSecond])
        #expect(bars.open == [10, 11.5, 13])
        #expect(bars.high == [12, 11.5, 13])
        #expect(bars.low == [9, 11.5, 12.5])
        #expect(bars.close == [11, 11.5, 12.5])
        #expect(bars.volume == [8, 2, 4])
        #expect(bars.tradeCount == [4, 1, 2])
        #expect(bars.vwap! == [(10 + 24 + 9 + 44) / 8.0, 11.5, (13 + 37.5) / 4.0])
    }

    @Test("a trade at the bucket's last nanosecond belongs to it; one at the next minute does not")
    func bucketEdges() throws {
        let edge = Self.t0 + 60 * Timestamp.nanosPerSecond
        let trades = TradeSeries(symbol: "E", trades: [Trade(timestamp: Self.t0, price: 1, size: 1),
                                                       Trade(timestamp: edge + (-1), price: 2, size: 1),
                                                       Trade(timestamp: edge, price: 3, size: 1)])
        let bars = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        #expect(bars.timestamps == [Self.t0, edge])
        #expect(bars.tradeCount == [2, 1])
        aggExpectIdentical(bars.bars, try aggStream(trades, rule: .time(.oneMinute)), "edges")
    }

    @Test("tick bars close on the n-th trade; the partial last bar is included")
    func tickBars() throws {
        let trades = Self.series([(0, 1, 1), (1, 2, 1), (1, 3, 1), (2, 4, 1), (3, 5, 1), (3, 6, 1), (9, 7, 1)])
        let bars = try TradeBars.aggregate(trades, rule: .ticks(3))
        #expect(bars.timeframe == nil)
        #expect(bars.tradeCount == [3, 3, 1])
        #expect(bars.open == [1, 4, 7])
        #expect(bars.close == [3, 6, 7])
        // Labelled by the first trade of each bar.
        #expect(bars.timestamps == [0, 2, 9].map { Self.t0 + $0 * Timestamp.nanosPerSecond })
    }

    @Test("volume bars: the trade reaching the threshold closes the bar and belongs to it")
    func volumeBars() throws {
        let trades = Self.series([(0, 1, 3), (1, 1, 4), (2, 1, 5), (3, 2, 10), (4, 3, 2), (5, 4, 9), (6, 5, 1)])
        let bars = try TradeBars.aggregate(trades, rule: .volume(10))
        // 3+4+5 = 12 ≥ 10 (overshoot kept, trade not split); 10 reaches exactly; 2+9 = 11; 1 left over.
        #expect(bars.volume == [12, 10, 11, 1])
        #expect(bars.tradeCount == [3, 1, 2, 1])
        #expect(bars.timestamps == [0, 3, 4, 6].map { Self.t0 + $0 * Timestamp.nanosPerSecond })
        #expect(bars.close == [1, 2, 4, 5])
    }

    @Test("dollar bars measure Σ price·size")
    func dollarBars() throws {
        // values: 100, 50, 200, 25, 75, 10
        let trades = Self.series([(0, 10, 10), (1, 5, 10), (2, 20, 10), (3, 5, 5), (4, 15, 5), (5, 10, 1)])
        let bars = try TradeBars.aggregate(trades, rule: .dollar(150))
        // 100+50 = 150 reaches; 200 alone; 25+75 = 100 then +10 = 110 < 150 → partial last bar.
        #expect(bars.tradeCount == [2, 1, 3])
        #expect(bars.vwap! == [150.0 / 20, 20, 110.0 / 11])
        #expect(bars.volume == [20, 10, 11])
    }

    @Test("zero-volume bar has no vwap")
    func zeroVolume() throws {
        let bars = try TradeBars.aggregate(Self.series([(0, 10, 0), (1, 11, 0)]), rule: .time(.oneMinute))
        #expect(bars.count == 1)
        #expect(bars.vwap![0].isNaN)
        #expect(bars[0].vwap == nil)
        #expect(bars[0].tradeCount == 2)
    }

    @Test("weekly time bars start on Monday 00:00 UTC")
    func weeklyAnchoring() throws {
        let sunday = Timestamp(year: 2024, month: 1, day: 7, hour: 23, minute: 59, second: 59)
        let monday = Timestamp(year: 2024, month: 1, day: 8)
        let trades = TradeSeries(symbol: "W", trades: [Trade(timestamp: Timestamp(year: 2024, month: 1, day: 1), price: 1, size: 1),
                                                       Trade(timestamp: sunday, price: 2, size: 1),
                                                       Trade(timestamp: monday, price: 3, size: 1)])
        let bars = try TradeBars.aggregate(trades, rule: .time(Timeframe(1, .week)))
        #expect(bars.timestamps == [Timestamp(year: 2024, month: 1, day: 1), monday])
        #expect(bars.tradeCount == [2, 1])
        #expect(CivilDate.weekday(days: bars.timestamps[0].epochDay) == 0)
    }

    @Test("timestamps before 1970 bucket by floor division")
    func preEpoch() throws {
        let trades = TradeSeries(symbol: "OLD", trades: [
            Trade(timestamp: Timestamp(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 30), price: 1, size: 1),
            Trade(timestamp: Timestamp(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59), price: 2, size: 1),
            Trade(timestamp: Timestamp(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 1), price: 3, size: 1),
        ])
        let minutes = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        #expect(minutes.timestamps == [Timestamp(year: 1969, month: 12, day: 31, hour: 23, minute: 59), Timestamp(nanoseconds: 0)])
        #expect(minutes.tradeCount == [2, 1])
        let weeks = try TradeBars.aggregate(trades, rule: .time(Timeframe(1, .week)))
        #expect(weeks.timestamps == [Timestamp(year: 1969, month: 12, day: 29)])   // a Monday
        let ticks = try TradeBars.aggregate(trades, rule: .ticks(2))
        #expect(ticks.timestamps == [trades.timestamps[0], trades.timestamps[2]])
    }

    @Test("unsorted trades are an error naming the trade index, in batch and streaming alike")
    func unsorted() throws {
        let trades = Self.series([(0, 1, 1), (5, 1, 1), (5, 1, 1), (4, 1, 1), (9, 1, 1)])
        for rule: TradeBarRule in [.time(.oneMinute), .time(.oneDay), .ticks(1), .ticks(2), .volume(1.5), .dollar(100)] {
            let batch = aggError { try TradeBars.aggregate(trades, rule: rule) }
            let stream = aggError { try aggStream(trades, rule: rule) }
            #expect(batch?.code == .validationFailed)
            #expect(batch?.message.contains("trade 3 ") == true, "\(batch?.message ?? "")")
            #expect(batch == stream, "\(rule)")
        }
    }

    @Test("invalid rules and ragged columns are rejected")
    func invalidArguments() {
        let trades = Self.series([(0, 1, 1)])
        for rule: TradeBarRule in [.ticks(0), .ticks(-3), .volume(0), .volume(-1), .volume(.nan), .dollar(.infinity)] {
            #expect(aggError { try TradeBars.aggregate(trades, rule: rule) }?.code == .invalidArgument)
            #expect(aggError { try TradeBarAggregator(rule: rule) }?.code == .invalidArgument)
        }
        var ragged = trades
        ragged.prices.append(3)
        #expect(aggError { try TradeBars.aggregate(ragged, rule: .ticks(1)) }?.code == .invalidArgument)
    }

    @Test("empty input gives an empty series")
    func empty() throws {
        let bars = try TradeBars.aggregate(TradeSeries(symbol: "E"), rule: .time(.oneMinute))
        #expect(bars.isEmpty)
        var agg = try TradeBarAggregator(rule: .volume(5))
        #expect(agg.finish() == nil)
    }

    @Test("streaming: time bars are emitted by the next bucket's trade or by the clock")
    func streamingEmission() throws {
        var agg = try TradeBarAggregator(rule: .time(.oneMinute))
        #expect(try agg.push(timestamp: Self.t0, price: 1, size: 1) == nil)
        #expect(try agg.push(timestamp: Self.t0 + 30 * Timestamp.nanosPerSecond, price: 2, size: 1) == nil)
        #expect(agg.advance(to: Self.t0 + 59 * Timestamp.nanosPerSecond) == nil)   // bucket not over yet
        let done = agg.advance(to: Self.t0 + 60 * Timestamp.nanosPerSecond)
        #expect(done?.timestamp == Self.t0 && done?.close == 2 && done?.tradeCount == 2)
        // A trade before the clock is rejected rather than starting a duplicate bar.
        let late = aggError { try agg.push(timestamp: Self.t0 + 59 * Timestamp.nanosPerSecond, price: 3, size: 1) }
        #expect(late?.code == .validationFailed)
        #expect(try agg.push(timestamp: Self.t0 + 61 * Timestamp.nanosPerSecond, price: 3, size: 1) == nil)
        let next = try agg.push(timestamp: Self.t0 + 125 * Timestamp.nanosPerSecond, price: 4, size: 1)
        #expect(next?.timestamp == Self.t0 + 60 * Timestamp.nanosPerSecond)
        #expect(agg.pending?.timestamp == Self.t0 + 120 * Timestamp.nanosPerSecond)
        #expect(agg.finish()?.close == 4)
        #expect(agg.pending == nil)

        var vol = try TradeBarAggregator(rule: .volume(2))
        #expect(try vol.push(timestamp: Self.t0, price: 1, size: 1) == nil)
        #expect(try vol.push(timestamp: Self.t0, price: 1, size: 1)?.volume == 2)   // emitted on the closing trade
    }

    static let rules: [TradeBarRule] = [
        .time(Timeframe(1, .second)), .time(.oneMinute), .time(.fiveMinutes), .time(Timeframe(7, .minute)),
        .time(.oneHour), .time(.oneDay), .time(Timeframe(3, .day)), .time(Timeframe(1, .week)),
        .ticks(1), .ticks(2), .ticks(7), .ticks(100),
        .volume(0.5), .volume(5), .volume(50), .volume(1000),
        .dollar(100), .dollar(10_000), .dollar(1e6),
    ]

    @Test("batch == streaming, bit for bit, on random trades", arguments: Array(UInt64(1)...40))
    func batchMatchesStreaming(seed: UInt64) throws {
        let trades = AggRandomData.trades(seed: seed, count: Int(seed % 7) * 400 + 1 + Int(seed % 3))
        for rule in Self.rules {
            let batch = try TradeBars.aggregate(trades, rule: rule).bars
            aggExpectIdentical(batch, try aggStream(trades, rule: rule), "seed \(seed) \(rule)")
            aggExpectIdentical(batch, try aggStream(trades, rule: rule, clockEvery: Int(seed % 5) + 1), "seed \(seed) \(rule) clocked")
            #expect(batch.reduce(0) { $0 + $1.tradeCount! } == Int64(trades.count))
        }
    }

    @Test("random unsorted input: batch and streaming report the same first bad index", arguments: Array(UInt64(100)...120))
    func randomUnsorted(seed: UInt64) throws {
        var trades = AggRandomData.trades(seed: seed, count: 500)
        var rng = AggSplitMix64(seed: seed)
        let k = Int.random(in: 1..<500, using: &rng)
        trades.timestamps[k] = trades.timestamps[k - 1] + (-Int64.random(in: 1...1_000_000_000_000, using: &rng))
        for rule in Self.rules {
            let batch = aggError { try TradeBars.aggregate(trades, rule: rule) }
            #expect(batch?.message.contains("trade \(k) ") == true)
            #expect(batch == aggError { try aggStream(trades, rule: rule) }, "\(rule)")
        }
    }

    @Test("coarse time bars equal fine time bars resampled (OHLC, counts exact; sums to rounding)", arguments: Array(UInt64(200)...210))
    func timeBarsCompose(seed: UInt64) throws {
        let trades = AggRandomData.trades(seed: seed, count: 3000)
        let fine = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        for target in [Timeframe.fiveMinutes, .oneHour, .oneDay, Timeframe(1, .week)] {
            let direct = try TradeBars.aggregate(trades, rule: .time(target))
            let viaFine = try fine.resampled(to: target)
            #expect(direct.timestamps == viaFine.timestamps)
            #expect(direct.open == viaFine.open && direct.high == viaFine.high)
            #expect(direct.low == viaFine.low && direct.close == viaFine.close)
            #expect(direct.tradeCount == viaFine.tradeCount)
            for i in 0..<direct.count {
                #expect(abs(direct.volume[i] - viaFine.volume[i]) <= 1e-9 * max(1, direct.volume[i]))
                if direct.volume[i] > 0 {
                    #expect(abs(direct.vwap![i] - viaFine.vwap![i]) <= 1e-9 * direct.vwap![i])
                }
            }
        }
    }
}

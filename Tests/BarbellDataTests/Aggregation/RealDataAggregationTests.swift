import BarbellData
import Testing

/// Aggregation checked against real exchange data (see `shared/data/README.md`); skipped when
/// the data directory is absent.
@Suite("Aggregation on real data")
struct RealDataAggregationTests {
    static let xrpTrades = "ticks_orderbook/freqtrade_XRP_ETH-trades.json.gz"
    static let xrpCandles = "crypto_intraday/freqtrade_XRP_ETH-1m.json"

    @Test("XRP/ETH trades → 1m bars reproduce freqtrade's 1m candles exactly",
          .enabled(if: AggTestData.has(xrpTrades, xrpCandles)))
    func xrpTradesToMinuteCandles() throws {
        let trades = try AggTestData.freqtradeTrades(Self.xrpTrades)
        let candles = try AggTestData.freqtradeCandles(Self.xrpCandles, timeframe: .oneMinute)
        #expect(trades.count == 12_477)
        #expect(candles.count == 3_560)
        let bars = try TradeBars.aggregate(trades, rule: .time(.oneMinute))
        #expect(bars.count == 2_469)

        // freqtrade fills minutes without trades with flat zero-volume candles at the previous
        // close; we emit no bar for them. Every real candle must match one of ours bit for bit,
        // and every filled candle must sit where we have no bar.
        var ours: [Timestamp: Int] = [:]
        for i in 0..<bars.count { ours[bars.timestamps[i]] = i }
        var matched = 0
        var filled = 0
        for k in 0..<candles.count {
            let c = candles[k]
            if let i = ours[c.timestamp] {
                let b = bars[i]
                let same = b.open.bitPattern == c.open.bitPattern && b.high.bitPattern == c.high.bitPattern
                    && b.low.bitPattern == c.low.bitPattern && b.close.bitPattern == c.close.bitPattern
                    && b.volume.bitPattern == c.volume.bitPattern
                #expect(same, "candle \(c) vs bar \(b)")
                matched += 1
            } else {
                #expect(c.volume == 0 && c.open == c.close && c.high == c.low && c.open == c.high, "unmatched candle \(c)")
                #expect(k > 0 && c.close == candles.close[k - 1], "filled candle \(c) is not flat at the previous close")
                filled += 1
            }
        }
        #expect(matched == bars.count)   // we have no bar the file lacks
        #expect(filled == 1_091)
    }

    @Test("batch == streaming on the real XRP/ETH trades, every rule",
          .enabled(if: AggTestData.has(xrpTrades)))
    func xrpBatchMatchesStreaming() throws {
        let trades = try AggTestData.freqtradeTrades(Self.xrpTrades)
        let rules: [TradeBarRule] = [.time(Timeframe(1, .second)), .time(.oneMinute), .time(.fiveMinutes), .time(.oneHour),
                                     .time(.oneDay), .time(Timeframe(1, .week)), .ticks(1), .ticks(10), .ticks(333),
                                     .volume(1_000), .volume(25_000), .dollar(1), .dollar(50)]
        for rule in rules {
            let batch = try TradeBars.aggregate(trades, rule: rule)
            aggExpectIdentical(batch.bars, try aggStream(trades, rule: rule), "\(rule)")
            aggExpectIdentical(batch.bars, try aggStream(trades, rule: rule, clockEvery: 3), "\(rule) clocked")
            #expect(batch.tradeCount!.reduce(0, +) == Int64(trades.count))
        }
        // Volume bars: every complete bar reached the threshold, and only the overshoot trade
        // pushed it past: without its last trade each bar was still below.
        let threshold = 25_000.0
        let vb = try TradeBars.aggregate(trades, rule: .volume(threshold))
        var start = 0
        for i in 0..<vb.count {
            let n = Int(vb.tradeCount![i])
            let sizes = trades.sizes[start..<(start + n)]
            let before = sizes.dropLast().reduce(0, +)
            if i < vb.count - 1 { #expect(vb.volume[i] >= threshold && before < threshold) }
            else { #expect(vb.volume[i] < threshold) }   // the partial last bar
            start += n
        }
    }

    static let pairs = ["ETH", "ADA", "DASH", "ETC", "LTC", "NXT", "XLM"]

    @Test("freqtrade 1m → 5m matches the 5m files over the overlap",
          .enabled(if: AggTestData.has("crypto_intraday/freqtrade_ETH_BTC-1m.json")), arguments: pairs)
    func oneMinuteToFiveMinutes(pair: String) throws {
        let m1 = try AggTestData.freqtradeCandles("crypto_intraday/freqtrade_\(pair)_BTC-1m.json", timeframe: .oneMinute)
        let m5 = try AggTestData.freqtradeCandles("crypto_intraday/freqtrade_\(pair)_BTC-5m.json", timeframe: .fiveMinutes)
        let resampled = try m1.resampled(to: .fiveMinutes)
        aggExpectIdentical(resampled.bars, try aggStreamResample(m1, to: .fiveMinutes), "\(pair) batch vs stream")

        var file: [Timestamp: Int] = [:]
        for i in 0..<m5.count { file[m5.timestamps[i]] = i }
        // Only buckets the 1m file covers completely: its first and last buckets are cut off.
        let first = m1.timestamps.first!, last = m1.timestamps.last!
        var compared = 0
        for i in 0..<resampled.count {
            let t = resampled.timestamps[i]
            guard t >= first, t + 5 * 60 * Timestamp.nanosPerSecond <= last + 60 * Timestamp.nanosPerSecond else { continue }
            guard let j = file[t] else {
                Issue.record("\(pair): 5m file lacks \(t)")
                continue
            }
            #expect(resampled.open[i] == m5.open[j] && resampled.high[i] == m5.high[j], "\(pair) \(t)")
            #expect(resampled.low[i] == m5.low[j] && resampled.close[i] == m5.close[j], "\(pair) \(t)")
            // The 5m volumes are the exchange's decimal sums rounded to 8 places; binary sums of
            // the 1m volumes can differ in the last bit, so compare at 8 decimals.
            let ours = resampled.volume[i], theirs = m5.volume[j]
            #expect((ours * 1e8).rounded() == (theirs * 1e8).rounded(), "\(pair) \(t): \(ours) vs \(theirs)")
            #expect(abs(ours - theirs) <= 1e-15 * theirs, "\(pair) \(t)")
            compared += 1
        }
        #expect(compared >= 2_870, "\(pair): only \(compared) buckets overlapped")
    }

    @Test("the project's JSON loaders read these files exactly like the test-local reader",
          .enabled(if: AggTestData.has(xrpTrades, xrpCandles)))
    func projectLoadersAgree() throws {
        let ours = try AggTestData.freqtradeCandles(Self.xrpCandles, timeframe: .oneMinute)
        let loaded = try CandleJSONLoader(symbol: "test", timeframe: .oneMinute).load(path: AggTestData.path(Self.xrpCandles)!)
        aggExpectIdentical(loaded.bars, ours.bars, "candles")
        let trades = try AggTestData.freqtradeTrades(Self.xrpTrades)
        let loadedTrades = try FreqtradeTradesJSONLoader(symbol: "test").load(path: AggTestData.path(Self.xrpTrades)!)
        #expect(loadedTrades.timestamps == trades.timestamps)
        #expect(loadedTrades.prices.map(\.bitPattern) == trades.prices.map(\.bitPattern))
        #expect(loadedTrades.sizes.map(\.bitPattern) == trades.sizes.map(\.bitPattern))
    }
}

import BarbellData
import Testing

@Suite("Bar resampling")
struct BarResamplingTests {
    static func minute(_ m: Int64) -> Timestamp { Timestamp(year: 2024, month: 5, day: 6, hour: 9) + m * 60 * Timestamp.nanosPerSecond }

    static let handBars: BarSeries = {
        var s = BarSeries(symbol: "H", timeframe: .oneMinute)
        // minute, o, h, l, c, v, vwap, trades
        let rows: [(Int64, Double, Double, Double, Double, Double, Double, Int64)] = [
            (0, 10, 11, 9, 10.5, 100, 10.2, 5),
            (1, 10.5, 12, 10, 11, 50, 11.1, 3),
            (4, 11, 11.5, 8, 9, 150, 9.9, 7),    // 09:00–09:04 bucket ends here (09:02, 09:03 empty)
            (5, 9, 9.5, 8.5, 9.2, 20, 9.1, 1),    // 09:05 bucket
            // 09:10–09:14 empty: no bar
            (16, 9.2, 9.3, 9.2, 9.3, 0, .nan, 0),
        ]
        for r in rows {
            s.append(Bar(timestamp: minute(r.0), open: r.1, high: r.2, low: r.3, close: r.4, volume: r.5,
                         vwap: r.6.isNaN ? nil : r.6, tradeCount: r.7))
        }
        return s
    }()

    @Test("1m → 5m by hand: open first, high max, low min, close last, sums, weighted vwap")
    func byHand() throws {
        let out = try Self.handBars.resampled(to: .fiveMinutes)
        #expect(out.timeframe == .fiveMinutes)
        #expect(out.timestamps == [Self.minute(0), Self.minute(5), Self.minute(15)])
        #expect(out.open == [10, 9, 9.2])
        #expect(out.high == [12, 9.5, 9.3])
        #expect(out.low == [8, 8.5, 9.2])
        #expect(out.close == [9, 9.2, 9.3])
        #expect(out.volume == [300, 20, 0])
        #expect(out.tradeCount! == [15, 1, 0])
        let expectedVWAP = (10.2 * 100 + 11.1 * 50 + 9.9 * 150) / 300
        #expect(out.vwap![0] == expectedVWAP)
        #expect(out.vwap![1] == 9.1)          // a one-bar bucket keeps its vwap exactly
        #expect(out.vwap![2].isNaN)           // zero volume: undefined
        aggExpectIdentical(out.bars, try aggStreamResample(Self.handBars, to: .fiveMinutes), "hand 5m")
    }

    @Test("resampling to the same timeframe is the identity")
    func identity() throws {
        let out = try Self.handBars.resampled(to: .oneMinute)
        aggExpectIdentical(out.bars, Self.handBars.bars, "identity")
    }

    @Test("a bar without vwap poisons the bucket's vwap unless it has no volume")
    func partialVWAP() throws {
        var s = BarSeries(symbol: "V", timeframe: .oneMinute)
        s.append(Bar(timestamp: Self.minute(0), open: 1, high: 1, low: 1, close: 1, volume: 10, vwap: 1))
        s.append(Bar(timestamp: Self.minute(1), open: 1, high: 1, low: 1, close: 1, volume: 0))
        s.append(Bar(timestamp: Self.minute(5), open: 2, high: 2, low: 2, close: 2, volume: 10, vwap: 2))
        s.append(Bar(timestamp: Self.minute(6), open: 2, high: 2, low: 2, close: 2, volume: 5))
        let out = try s.resampled(to: .fiveMinutes)
        #expect(out.vwap![0] == 1)
        #expect(out.vwap![1].isNaN)
        #expect(out.tradeCount == nil)   // the input had no trade-count column
    }

    @Test("daily → weekly buckets start on Monday; pre-1970 weeks too")
    func weekly() throws {
        for (y, m, d) in [(2024, 1, 1), (1969, 12, 1)] {
            var s = BarSeries(symbol: "D", timeframe: .oneDay)
            let first = CivilDate.daysFromCivil(year: y, month: m, day: d)
            for k in Int64(0)..<21 {
                let p = Double(k + 1)
                s.append(Bar(timestamp: Timestamp(nanoseconds: (first + k) * Timestamp.nanosPerDay), open: p, high: p, low: p, close: p, volume: 1))
            }
            let weeks = try s.resampled(to: Timeframe(1, .week))
            for t in weeks.timestamps { #expect(CivilDate.weekday(days: t.epochDay) == 0, "\(t)") }
            #expect(weeks.volume.reduce(0, +) == 21)
            // Every bar lands in the week that contains it.
            let labels = s.timestamps.map { Timeframe(1, .week).bucketStart($0.nanoseconds) }
            #expect(Set(labels).count == weeks.count)
        }
        // 1969-12-31 (Wednesday) belongs to the week of Monday 1969-12-29.
        #expect(Timeframe(1, .week).bucketStart(Timestamp(year: 1969, month: 12, day: 31, hour: 12).nanoseconds)
                == Timestamp(year: 1969, month: 12, day: 29).nanoseconds)
    }

    @Test("incompatible targets, missing timeframe, unsorted and misaligned bars are errors")
    func errors() throws {
        #expect(aggError { try Self.handBars.resampled(to: Timeframe(7, .second)) }?.code == .invalidArgument)
        #expect(aggError { try Self.handBars.resampled(to: Timeframe(90, .second)) }?.code == .invalidArgument)
        var daily = BarSeries(symbol: "D", timeframe: Timeframe(7, .day))
        daily.append(Bar(timestamp: Timestamp(nanoseconds: 0), open: 1, high: 1, low: 1, close: 1, volume: 1))
        // 7-day buckets start on the epoch's Thursday, weeks on Monday: they straddle weeks.
        #expect(aggError { try daily.resampled(to: Timeframe(1, .week)) }?.code == .invalidArgument)
        #expect(Timeframe.oneDay.canResample(to: Timeframe(2, .week)))
        #expect(!Timeframe.fiveMinutes.canResample(to: .oneMinute))
        #expect(aggError { try BarResampler(from: .oneHour, to: .fiveMinutes) }?.code == .invalidArgument)

        var noTimeframe = Self.handBars
        noTimeframe.timeframe = nil
        #expect(aggError { try noTimeframe.resampled(to: .oneHour) }?.code == .invalidArgument)

        var unsorted = Self.handBars
        unsorted.timestamps.swapAt(2, 3)
        let e = aggError { try unsorted.resampled(to: .oneHour) }
        #expect(e?.code == .validationFailed && e?.message.contains("bar 3 ") == true)
        #expect(e == aggError { try aggStreamResample(unsorted, to: .oneHour) })

        var duplicate = Self.handBars
        duplicate.timestamps[1] = duplicate.timestamps[0]
        #expect(aggError { try duplicate.resampled(to: .oneHour) }?.message.contains("bar 1 ") == true)

        var misaligned = Self.handBars
        misaligned.timestamps[2] = misaligned.timestamps[2] + 1
        let m = aggError { try misaligned.resampled(to: .oneHour) }
        #expect(m?.code == .validationFailed && m?.message.contains("bar 2 ") == true)
        #expect(m == aggError { try aggStreamResample(misaligned, to: .oneHour) })
    }

    @Test("streaming resampler: emission on the next bucket and by the clock")
    func streaming() throws {
        var r = try BarResampler(from: .oneMinute, to: .fiveMinutes)
        let bars = Self.handBars.bars
        #expect(try r.push(bars[0]) == nil)
        #expect(try r.push(bars[1]) == nil)
        #expect(try r.push(bars[2]) == nil)
        let early = r.advance(to: Self.minute(5))        // bucket 09:00–09:05 is over
        #expect(early?.timestamp == Self.minute(0) && early?.volume == 300)
        #expect(aggError { try r.push(bars[2]) }?.code == .validationFailed)
        #expect(try r.push(bars[3]) == nil)
        #expect(try r.push(bars[4])?.timestamp == Self.minute(5))
        #expect(r.finish()?.timestamp == Self.minute(15))
        #expect(r.finish() == nil)
    }

    static let targets: [Timeframe] = [.oneMinute, Timeframe(2, .minute), .fiveMinutes, Timeframe(7, .minute),
                                       .oneHour, Timeframe(4, .hour), .oneDay, Timeframe(1, .week), Timeframe(2, .week)]

    @Test("batch == streaming, bit for bit, on random bars", arguments: Array(UInt64(1)...40))
    func batchMatchesStreaming(seed: UInt64) throws {
        for source in [Timeframe.oneMinute, .oneHour, .oneDay] {
            let bars = AggRandomData.bars(seed: seed &* 31 &+ UInt64(source.nanoseconds % 1000), count: Int(seed % 5) * 300 + 2, timeframe: source)
            for target in Self.targets where source.canResample(to: target) {
                let batch = try bars.resampled(to: target)
                #expect((batch.vwap != nil) == (bars.vwap != nil) && (batch.tradeCount != nil) == (bars.tradeCount != nil))
                aggExpectIdentical(batch.bars, try aggStreamResample(bars, to: target), "seed \(seed) \(source)→\(target)")
                aggExpectIdentical(batch.bars, try aggStreamResample(bars, to: target, clockEvery: Int(seed % 4) + 1),
                                   "seed \(seed) \(source)→\(target) clocked")
                // Resampling in two steps gives the same OHLC and counts as in one.
                if target.canResample(to: .oneDay) {
                    let twoStep = try batch.resampled(to: .oneDay)
                    let oneStep = try bars.resampled(to: .oneDay)
                    #expect(twoStep.timestamps == oneStep.timestamps && twoStep.open == oneStep.open)
                    #expect(twoStep.high == oneStep.high && twoStep.low == oneStep.low && twoStep.close == oneStep.close)
                    #expect(twoStep.tradeCount == oneStep.tradeCount)
                }
            }
        }
    }
}

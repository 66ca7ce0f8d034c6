import Testing
@testable import BarbellData

/// A long minute series with many problems of every kind, so per-kind limits bite.
private func brokenSeries(rows: Int, seed: UInt64) -> BarSeries {
    var rng = SplitMix64(seed: seed)
    var s = BarSeries(symbol: "X", timeframe: .oneMinute)
    var price = 100.0
    var t = Timestamp(year: 2022, month: 1, day: 3)
    for i in 0..<rows {
        price *= 1 + (rng.nextUniform() - 0.5) * 0.002
        var o = price, h = price * 1.001, l = price * 0.999, c = price, v = 10.0
        t = t + 60 * Timestamp.nanosPerSecond
        switch rng.next() % 500 {
        case 0: c = .nan
        case 1: l = -1
        case 2: h = l * 0.9
        case 3: v = -3
        case 4: t = t + -120 * Timestamp.nanosPerSecond   // goes back in time
        case 5: c = price * 5; h = c                     // outlier up ...
        case 6: o = .infinity
        case 7: t = t + 600 * Timestamp.nanosPerSecond   // a gap of nine bars
        default: break
        }
        if i % 7_000 < 15 { c = 123.45; o = c; h = c; l = c }   // stale runs
        s.append(Bar(timestamp: t, open: o, high: h, low: l, close: c, volume: v))
    }
    return s
}

@Suite("Concurrent validation")
struct ConcurrentValidationTests {
    @Test("two cores give the report one core gives, issue for issue", arguments: [3, 1000])
    func sameReport(limit: Int) {
        let s = brokenSeries(rows: 120_000, seed: 17)
        var options = ValidationOptions()
        options.maxIssuesPerKind = limit
        options.calendar = CryptoCalendar()
        let concurrent = BarValidator(options: options).validate(s)
        options.concurrentChecks = false
        let sequential = BarValidator(options: options).validate(s)
        #expect(concurrent.counts == sequential.counts)
        #expect(concurrent.issues == sequential.issues)
        // Every kind really occurred, more often than the small limit keeps.
        for kind in [DataQualityIssue.Kind.missingValue, .nonPositivePrice, .ohlcInconsistent, .negativeVolume,
                     .timestampNotIncreasing, .returnOutlier, .staleRun, .calendarGap] {
            #expect(sequential.counts[kind.rawValue, default: 0] > 3, "\(kind)")
        }
        #expect(sequential.issues.filter { $0.kind == .missingValue }.count == min(limit, sequential.counts["missing-value"]!))
    }

    @Test("outliers are located at their rows when unusable closes come before them")
    func outlierRowsAfterGaps() {
        var s = BarSeries(symbol: "X", timeframe: .oneDay)
        var rng = SplitMix64(seed: 1)
        var price = 50.0
        for i in 0..<400 {
            price *= 1 + (rng.nextUniform() - 0.5) * 0.02
            var c = price
            if i == 10 || i == 11 { c = .nan }          // two unusable pairs before the jump
            if i == 300 { price *= 4; c = price }
            s.append(Bar(timestamp: Timestamp(seconds: Int64(i) * 86_400), open: c, high: c, low: c, close: c, volume: 1))
        }
        let report = BarValidator().validate(s)
        #expect(report.issues.filter { $0.kind == .returnOutlier }.map(\.row) == [300])
    }
}

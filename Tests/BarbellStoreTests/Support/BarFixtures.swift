import BarbellData
import Testing

/// Test data builders.
enum BarFixtures {
    /// `count` one-minute bars from `start`, with prices that differ per row and per symbol.
    static func minutes(_ symbol: Symbol, count: Int, start: Timestamp = Timestamp(year: 2024, month: 3, day: 1),
                        timeframe: Timeframe = .oneMinute, adjustment: PriceAdjustment = .none,
                        vwap: Bool = false, trades: Bool = false) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: timeframe, adjustment: adjustment)
        series.reserveCapacity(count)
        let base = Double(symbol.name.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 97) + 10
        for i in 0..<count {
            let p = base + Double(i % 1000) * 0.01 + Double(i) * 1e-7
            series.append(Bar(timestamp: start + Int64(i) * timeframe.nanoseconds,
                              open: p, high: p + 0.5, low: p - 0.5, close: p + 0.125, volume: Double(100 + i % 37),
                              vwap: vwap ? p + 0.0625 : nil, tradeCount: trades ? Int64(i % 50) : nil))
        }
        return series
    }

    /// Awkward values: negative zero, subnormals, extremes, NaN volume, missing vwap and trade
    /// counts, pre-1970 and nanosecond timestamps.
    static func awkward(_ symbol: Symbol) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: Timeframe(1, .second), adjustment: .splits)
        let times: [Int64] = [
            Timestamp(year: 1900, month: 1, day: 1, nanosecond: 1).nanoseconds,
            -1,
            0,
            1,
            Timestamp(year: 2024, month: 8, day: 8, hour: 23, minute: 54, second: 13, nanosecond: 123_456_789).nanoseconds,
            Timestamp(year: 2262, month: 4, day: 11).nanoseconds,
        ]
        let prices: [(Double, Double, Double, Double, Double, Double?, Int64?)] = [
            (-0.0, 0.1 + 0.2, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .nan, 1.0 / 3.0, 0),
            (123456.789, -987.654321e-300, .leastNormalMagnitude, .leastNormalMagnitude / 3, 0, nil, nil),
            (.infinity, -.infinity, 1, 2, 3.5, .nan, Int64.max),
            (Double.pi, Double.ulpOfOne, 1 + Double.ulpOfOne, -Double.pi, .nan, 42.000000000000007, nil),
            (0.30000000000000004, 1e22, 1e23, 9007199254740991, 1.7976931348623157e308, -0.0, 7),
            (2, 2, 2, 2, 0, nil, 1),
        ]
        for (t, p) in zip(times, prices) {
            series.append(Bar(timestamp: Timestamp(nanoseconds: t), open: p.0, high: p.1, low: p.2, close: p.3,
                              volume: p.4, vwap: p.5, tradeCount: p.6))
        }
        return series
    }

    /// A copy with the close of the given rows changed.
    static func changingClose(_ series: BarSeries, rows: [Int], by delta: Double = 1) -> BarSeries {
        var copy = series
        for i in rows { copy.close[i] += delta }
        return copy
    }
}

/// Both NaN, or identical bits (so -0.0 differs from 0.0).
func sameBits(_ a: Double, _ b: Double) -> Bool {
    (a.isNaN && b.isNaN) || a.bitPattern == b.bitPattern
}

/// Expects two series to hold bit-identical values; NaN matches NaN whatever its payload,
/// and a missing trade count matches any negative one.
func expectIdentical(_ actual: BarSeries, _ expected: BarSeries, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.symbol == expected.symbol, sourceLocation: sourceLocation)
    #expect(actual.timeframe == expected.timeframe, sourceLocation: sourceLocation)
    #expect(actual.adjustment == expected.adjustment, sourceLocation: sourceLocation)
    #expect(actual.timestamps == expected.timestamps, sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    let columns: [(String, [Double], [Double])] = [
        ("open", actual.open, expected.open), ("high", actual.high, expected.high), ("low", actual.low, expected.low),
        ("close", actual.close, expected.close), ("volume", actual.volume, expected.volume),
    ]
    for (name, a, e) in columns {
        let bad = (0..<a.count).first { !sameBits(a[$0], e[$0]) }
        #expect(bad == nil, "\(name) differs at row \(bad ?? -1): \(bad.map { a[$0] } ?? 0) vs \(bad.map { e[$0] } ?? 0)", sourceLocation: sourceLocation)
    }
    #expect((actual.vwap == nil) == (expected.vwap == nil), "vwap column presence", sourceLocation: sourceLocation)
    if let a = actual.vwap, let e = expected.vwap {
        let bad = (0..<a.count).first { !sameBits(a[$0], e[$0]) }
        #expect(bad == nil, "vwap differs at row \(bad ?? -1)", sourceLocation: sourceLocation)
    }
    #expect((actual.tradeCount == nil) == (expected.tradeCount == nil), "tradeCount column presence", sourceLocation: sourceLocation)
    if let a = actual.tradeCount, let e = expected.tradeCount {
        #expect(a.map { max($0, -1) } == e.map { max($0, -1) }, sourceLocation: sourceLocation)
    }
}

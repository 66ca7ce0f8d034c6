/// Ultimate Oscillator (TA-Lib `ULTOSC`): with buying pressure `bp = close - min(low, prevClose)`
/// and true range `tr`, `100 * (4 * A1 + 2 * A2 + A3) / 7` where `Ak = sum(bp) / sum(tr)` over
/// the shortest, middle and longest period. TA-Lib sorts the three periods first, so their
/// order does not matter. An average whose range sum is not positive contributes 0 (TA-Lib
/// 0.8.1's test, which also drops a NaN sum after a NaN high or low).
/// Lookback = the longest period.
///
/// The six window sums are running sums, seeded over the longest warm-up in time order and then
/// extended by today's terms before the bars leaving each window are subtracted, as in TA-Lib.
///
/// Reference: Larry Williams, "The Ultimate Oscillator", *Technical Analysis of Stocks &
/// Commodities* (1985).
enum ULTOSC {
    /// The periods sorted shortest first.
    static func sorted(_ p1: Int, _ p2: Int, _ p3: Int) -> (short: Int, middle: Int, long: Int) {
        let s = [p1, p2, p3].sorted()
        return (s[0], s[1], s[2])
    }

    static func lookback(_ p1: Int, _ p2: Int, _ p3: Int) -> Int { max(p1, p2, p3) }

    /// `100 / 7`: TA-Lib's `100 * (sum / 7)` as one multiplication (equal up to rounding).
    static let scale = 100.0 / 7.0

    struct Stream: FeatureStream {
        let short: Int, middle: Int, long: Int
        var pressure: BarRing
        var range: BarRing
        var bars = 0
        var prevClose = 0.0
        var a1 = 0.0, a2 = 0.0, a3 = 0.0
        var b1 = 0.0, b2 = 0.0, b3 = 0.0

        init(_ p1: Int, _ p2: Int, _ p3: Int) {
            (short, middle, long) = ULTOSC.sorted(p1, p2, p3)
            pressure = BarRing(capacity: long)
            range = BarRing(capacity: long)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            let bar = bars
            bars += 1
            defer { prevClose = close }
            if bar == 0 { return .nan }
            let (bp, tr) = ULTOSC.terms(high: high, low: low, close: close, prevClose: prevClose)
            pressure.store(bp, at: bar)
            range.store(tr, at: bar)
            if bar < long {
                if bar >= long - short + 1 { a1 += bp; b1 += tr }
                if bar >= long - middle + 1 { a2 += bp; b2 += tr }
                a3 += bp
                b3 += tr
                return .nan
            }
            a1 += bp; a2 += bp; a3 += bp
            b1 += tr; b2 += tr; b3 += tr
            var output = 0.0
            if b1 > 0 { output += 4.0 * (a1 / b1) }
            if b2 > 0 { output += 2.0 * (a2 / b2) }
            if b3 > 0 { output += a3 / b3 }
            var leaving = bar - short + 1
            a1 -= pressure[bar: leaving]
            b1 -= range[bar: leaving]
            leaving = bar - middle + 1
            a2 -= pressure[bar: leaving]
            b2 -= range[bar: leaving]
            leaving = bar - long + 1
            a3 -= pressure[bar: leaving]
            b3 -= range[bar: leaving]
            return output * ULTOSC.scale
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }

    /// Buying pressure and true range of a bar against the previous close.
    @inline(__always)
    static func terms(high: Double, low: Double, close: Double, prevClose: Double) -> (bp: Double, tr: Double) {
        // C's min(): low unless prevClose is smaller (a NaN low yields prevClose).
        let trueLow = low < prevClose ? low : prevClose
        return (close - trueLow, TALibMath.trueRange(high: high, low: low, prevClose: prevClose))
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      periods: (Int, Int, Int), _ out: UnsafeMutableBufferPointer<Double>) {
        let (short, middle, long) = sorted(periods.0, periods.1, periods.2)
        // Each bar's terms are computed once and kept in a power-of-two ring for when the bar
        // leaves the windows (the values are a pure function of the bar either way).
        var size = 1
        while size < long { size <<= 1 }
        let mask = size - 1
        let pressureRing = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
        let rangeRing = UnsafeMutableBufferPointer<Double>.allocate(capacity: size)
        defer {
            pressureRing.deallocate()
            rangeRing.deallocate()
        }
        @inline(__always) func compute(_ i: Int) -> (bp: Double, tr: Double) {
            let t = terms(high: high[i], low: low[i], close: close[i], prevClose: close[i - 1])
            pressureRing[i & mask] = t.bp
            rangeRing[i & mask] = t.tr
            return t
        }
        @inline(__always) func stored(_ i: Int) -> (bp: Double, tr: Double) {
            (pressureRing[i & mask], rangeRing[i & mask])
        }
        var a1 = 0.0, a2 = 0.0, a3 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0
        var bar = 1
        while bar < long && bar < close.count {
            let t = compute(bar)
            if bar >= long - short + 1 { a1 += t.bp; b1 += t.tr }
            if bar >= long - middle + 1 { a2 += t.bp; b2 += t.tr }
            a3 += t.bp
            b3 += t.tr
            bar += 1
        }
        while bar < close.count {
            let t = compute(bar)
            a1 += t.bp; a2 += t.bp; a3 += t.bp
            b1 += t.tr; b2 += t.tr; b3 += t.tr
            // The three ratios in two packed divisions (lane-wise IEEE division, so each is
            // bit-identical to the stream's scalar one); unused lanes are discarded.
            let q = SIMD4<Double>(a1, a2, a3, 1) / SIMD4<Double>(b1, b2, b3, 1)
            var output = 0.0
            if b1 > 0 { output += 4.0 * q[0] }
            if b2 > 0 { output += 2.0 * q[1] }
            if b3 > 0 { output += q[2] }
            var leaving = stored(bar &- short &+ 1)
            a1 -= leaving.bp
            b1 -= leaving.tr
            leaving = stored(bar &- middle &+ 1)
            a2 -= leaving.bp
            b2 -= leaving.tr
            leaving = stored(bar &- long &+ 1)
            a3 -= leaving.bp
            b3 -= leaving.tr
            out[bar] = output * scale
            bar += 1
        }
    }
}

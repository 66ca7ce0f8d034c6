/// Wilder's true range (`TA_TRANGE`): the greatest of `high − low`, `|close[t−1] − high|` and
/// `|close[t−1] − low|`, compared in that order so a NaN previous close falls back to the
/// bar's own range, as in TA-Lib. Lookback 1.
enum TRANGE {
    static let lookback = 1

    @inline(__always)
    static func value(high: Double, low: Double, previousClose: Double) -> Double {
        // Written as two selects of the `a > b ? a : b` shape (one MAXSD each) so no comparison
        // becomes a data-dependent branch.
        let range = high - low
        let toHigh = abs(previousClose - high)
        let greatest = toHigh > range ? toHigh : range
        let toLow = abs(previousClose - low)
        return toLow > greatest ? toLow : greatest
    }

    /// `value` for two consecutive bars in two SIMD lanes (`previousClose` points at the close
    /// before the first): the same IEEE operations per lane. The selects are written per lane in
    /// the `a > b ? a : b` shape, which LLVM turns into one MAXPD.
    @inline(__always)
    static func pair(_ high: UnsafePointer<Double>, _ low: UnsafePointer<Double>, _ previousClose: UnsafePointer<Double>) -> SIMD2<Double> {
        let h = Lanes.load(high)
        let l = Lanes.load(low)
        let p = Lanes.load(previousClose)
        let range = h - l
        let toHigh = Lanes.magnitude(p - h)
        let greatest = SIMD2(toHigh[0] > range[0] ? toHigh[0] : range[0], toHigh[1] > range[1] ? toHigh[1] : range[1])
        let toLow = Lanes.magnitude(p - l)
        return SIMD2(toLow[0] > greatest[0] ? toLow[0] : greatest[0], toLow[1] > greatest[1] ? toLow[1] : greatest[1])
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        guard n > 1 else { return }
        let h = high.baseAddress!, l = low.baseAddress!, o = out.baseAddress!
        // `previous[i]` is `close[i − 1]`, without an index subtraction that would keep the loop
        // from vectorising.
        let previous = close.baseAddress! - 1
        NonTemporalWriter.write(o, 1..<n, pair: { pair(h + $0, l + $0, previous + $0) },
                                single: { value(high: h[$0], low: l[$0], previousClose: previous[$0]) })
    }

    struct Stream: FeatureStream {
        var previousClose = 0.0
        var started = false
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = started ? TRANGE.value(high: inputs[0], low: inputs[1], previousClose: previousClose) : .nan
            started = true
            previousClose = inputs[2]
        }
    }
}

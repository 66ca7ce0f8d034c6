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

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        var i = 1
        while i < n {
            o[i] = value(high: h[i], low: l[i], previousClose: c[i - 1])
            i += 1
        }
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

/// Wilder's true range (`TA_TRANGE`): the greatest of `high − low`, `|close[t−1] − high|` and
/// `|close[t−1] − low|`, compared in that order so a NaN previous close falls back to the
/// bar's own range, as in TA-Lib. Lookback 1.
enum TRANGE {
    static let lookback = 1

    @inline(__always)
    static func value(high: Double, low: Double, previousClose: Double) -> Double {
        var greatest = high - low
        let toHigh = abs(previousClose - high)
        if toHigh > greatest { greatest = toHigh }
        let toLow = abs(previousClose - low)
        if toLow > greatest { greatest = toLow }
        return greatest
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        for i in 1..<close.count { out[i] = value(high: high[i], low: low[i], previousClose: close[i - 1]) }
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

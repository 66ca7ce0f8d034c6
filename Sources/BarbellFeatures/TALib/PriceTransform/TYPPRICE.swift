/// Typical price, `(high + low + close) / 3` (`TA_TYPPRICE`). Lookback 0.
enum TYPPRICE {
    @inline(__always)
    static func value(high: Double, low: Double, close: Double) -> Double { (high + low + close) / 3.0 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<close.count { out[i] = value(high: high[i], low: low[i], close: close[i]) }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = TYPPRICE.value(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}

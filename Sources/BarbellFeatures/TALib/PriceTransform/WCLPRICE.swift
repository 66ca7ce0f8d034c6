/// Weighted close price, `(high + low + 2·close) / 4` (`TA_WCLPRICE`). Lookback 0.
enum WCLPRICE {
    @inline(__always)
    static func value(high: Double, low: Double, close: Double) -> Double { (high + low + (close * 2.0)) / 4.0 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<close.count { out[i] = value(high: high[i], low: low[i], close: close[i]) }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = WCLPRICE.value(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}

/// Typical price, `(high + low + close) / 3` (`TA_TYPPRICE`). Lookback 0.
enum TYPPRICE {
    @inline(__always)
    static func value(high: Double, low: Double, close: Double) -> Double { (high + low + close) / 3.0 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        for i in 0..<n { o[i] = value(high: h[i], low: l[i], close: c[i]) }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = TYPPRICE.value(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}

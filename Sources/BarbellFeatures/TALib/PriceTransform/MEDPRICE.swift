/// Median price, `(high + low) / 2` (`TA_MEDPRICE`). Lookback 0.
enum MEDPRICE {
    @inline(__always)
    static func value(high: Double, low: Double) -> Double { (high + low) / 2.0 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        let h = high.baseAddress!, l = low.baseAddress!, o = out.baseAddress!
        for i in 0..<n { o[i] = value(high: h[i], low: l[i]) }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = MEDPRICE.value(high: inputs[0], low: inputs[1])
        }
    }
}

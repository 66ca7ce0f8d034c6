/// Average price, `(open + high + low + close) / 4`, summed in `TA_AVGPRICE`'s order
/// (high, low, close, open). Lookback 0.
enum AVGPRICE {
    @inline(__always)
    static func value(open: Double, high: Double, low: Double, close: Double) -> Double {
        (high + low + close + open) / 4
    }

    static func batch(open: UnsafeBufferPointer<Double>, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                      close: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let op = open.baseAddress!, h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        for i in 0..<n { o[i] = value(open: op[i], high: h[i], low: l[i], close: c[i]) }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = AVGPRICE.value(open: inputs[0], high: inputs[1], low: inputs[2], close: inputs[3])
        }
    }
}

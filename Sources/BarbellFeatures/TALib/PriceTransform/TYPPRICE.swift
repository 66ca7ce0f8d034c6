/// Typical price, `(high + low + close) / 3` (`TA_TYPPRICE`). Lookback 0.
enum TYPPRICE {
    @inline(__always)
    static func value(high: Double, low: Double, close: Double) -> Double { (high + low + close) / 3.0 }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, o = out.baseAddress!
        NonTemporalWriter.write(o, 0..<n, pair: { (Lanes.load(h + $0) + Lanes.load(l + $0) + Lanes.load(c + $0)) / 3.0 },
                                single: { value(high: h[$0], low: l[$0], close: c[$0]) })
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = TYPPRICE.value(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }
}

/// Balance of Power (TA-Lib `BOP`): `(close - open) / (high - low)`, 0 when the range is not
/// positive (TA-Lib 0.8.1's test; a NaN range propagates). No warm-up.
enum BOP {
    @inline(__always)
    static func value(open: Double, high: Double, low: Double, close: Double) -> Double {
        let range = high - low
        return 0 >= range ? 0 : (close - open) / range
    }

    static func batch(open: UnsafeBufferPointer<Double>, high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                      close: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        // Raw base pointers and a counted loop, which the optimiser vectorises.
        guard let o = open.baseAddress, let h = high.baseAddress, let l = low.baseAddress,
              let c = close.baseAddress, let dst = out.baseAddress else { return }
        for i in 0..<close.count {
            dst[i] = value(open: o[i], high: h[i], low: l[i], close: c[i])
        }
    }

    struct Stream: FeatureStream {
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = BOP.value(open: inputs[0], high: inputs[1], low: inputs[2], close: inputs[3])
        }
    }
}

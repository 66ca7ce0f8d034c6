/// Chaikin accumulation/distribution line (`TA_AD`): the running sum of
/// `((close − low) − (high − close)) / (high − low) · volume`. Bars with `high − low` not
/// positive add nothing (so a NaN high or low is skipped, as in TA-Lib), while a NaN close or
/// volume on a bar with a range makes the line NaN from then on. Lookback 0.
enum AD {
    /// One bar's contribution added to `ad`, in TA-Lib's order.
    @inline(__always)
    static func accumulate(_ ad: inout Double, high: Double, low: Double, close: Double, volume: Double) {
        let range = high - low
        if range > 0.0 {
            ad += (((close - low) - (high - close)) / range) * volume
        }
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      volume: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, v = volume.baseAddress!, o = out.baseAddress!
        var ad = 0.0
        for i in 0..<n {
            accumulate(&ad, high: h[i], low: l[i], close: c[i], volume: v[i])
            o[i] = ad
        }
    }

    struct Stream: FeatureStream {
        var ad = 0.0
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            AD.accumulate(&ad, high: inputs[0], low: inputs[1], close: inputs[2], volume: inputs[3])
            outputs[0] = ad
        }
    }
}

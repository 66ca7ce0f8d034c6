/// `HT_DCPERIOD`: the dominant cycle period (bars) from the Hilbert transform's homodyne
/// discriminator, smoothed (see ``HilbertCycle``). TA-Lib's lookback is 32 (plus the unstable
/// period, 0 by default).
enum HTDCPeriod {
    static let lookback = 32

    struct Stream: ScalarFeatureStream {
        private var core = HilbertCycle(hilbertStart: 12)

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            _ = core.update(x)
            return core.bar > HTDCPeriod.lookback ? core.smoothPeriod : .nan
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { out[i] = stream.next(x[i]) }
    }
}

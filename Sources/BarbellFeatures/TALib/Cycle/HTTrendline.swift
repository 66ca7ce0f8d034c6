/// `HT_TRENDLINE`: Ehlers' instantaneous trendline (see ``InstantaneousTrendline``), an Overlap
/// Study in TA-Lib that shares the Hilbert machinery. Lookback 63.
enum HTTrendline {
    static let lookback = 63

    struct Stream: ScalarFeatureStream {
        private var core = HilbertCycle(hilbertStart: 37)
        private var trendline = InstantaneousTrendline()

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            guard core.update(x) else { return .nan }
            let value = trendline.update(core)
            return core.bar > HTTrendline.lookback ? value : .nan
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { out[i] = stream.next(x[i]) }
    }
}

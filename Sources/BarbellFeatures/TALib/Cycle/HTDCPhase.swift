/// `HT_DCPHASE`: the dominant cycle phase in degrees (see ``DominantCyclePhase``), lookback 63.
enum HTDCPhase {
    static let lookback = 63

    struct Stream: ScalarFeatureStream {
        private var core = HilbertCycle(hilbertStart: 37)
        private var phase = DominantCyclePhase()

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            guard core.update(x) else { return .nan }
            let value = phase.update(smoothed: core.smoothed, smoothPeriod: core.smoothPeriod)
            return core.bar > HTDCPhase.lookback ? value : .nan
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { out[i] = stream.next(x[i]) }
    }
}

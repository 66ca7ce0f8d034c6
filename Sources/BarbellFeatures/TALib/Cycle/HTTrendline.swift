/// `HT_TRENDLINE`: Ehlers' instantaneous trendline (see ``InstantaneousTrendline``), an Overlap
/// Study in TA-Lib that shares the Hilbert machinery. Lookback 63.
enum HTTrendline {
    static let lookback = 63

    struct Stream: ScalarFeatureStream {
        private var core = HilbertCycle(hilbertStart: 37)
        private var recent = RecentPrices()
        private var trendline = InstantaneousTrendline()

        @inline(__always)
        mutating func next(_ x: Double) -> Double {
            recent.append(x)
            guard core.update(x) else { return .nan }
            let value = trendline.update(mean: recent.mean(smoothPeriod: core.smoothPeriod))
            return core.bar > HTTrendline.lookback ? value : .nan
        }
    }

    /// The stream's arithmetic with its state in locals (the prices read in place), writing
    /// every slot.
    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        guard let xp = x.baseAddress, let op = out.baseAddress else { return }
        let count = x.count
        var trendline = InstantaneousTrendline()
        HilbertEngine.drive(xp, count: count, hilbertStart: 37) { i, ran, core in
            if ran {
                let mean = InstantaneousTrendline.mean(newest: xp + i, available: i &+ 1, smoothPeriod: core.smoothPeriod)
                let value = trendline.update(mean: mean)
                op[i] = i >= lookback ? value : .nan
            } else {
                op[i] = .nan
            }
        }
    }
}

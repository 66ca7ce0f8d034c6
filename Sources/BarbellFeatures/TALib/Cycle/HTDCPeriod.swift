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

    /// The same engine as a local value (its fields stay in registers), writing every slot.
    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        guard let xp = x.baseAddress, let op = out.baseAddress else { return }
        HilbertEngine.drive(xp, count: x.count, hilbertStart: 12) { i, _, engine in
            op[i] = i >= lookback ? engine.smoothPeriod : .nan
        }
    }
}

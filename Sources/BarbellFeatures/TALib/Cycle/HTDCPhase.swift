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

    /// The stream's arithmetic with its state in locals, writing every slot.
    static func batch(_ x: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        guard let xp = x.baseAddress, let op = out.baseAddress else { return }
        let count = x.count
        var phase = 0.0
        var slot = 0
        DominantCyclePhase.table.withUnsafeBufferPointer { tableBuffer in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * DominantCyclePhase.slots) { ringBuffer in
                let table = tableBuffer.baseAddress!
                let ring = ringBuffer.baseAddress!
                ring.initialize(repeating: 0, count: 2 * DominantCyclePhase.slots)
                HilbertEngine.drive(xp, count: count, hilbertStart: 37) { i, ran, core in
                    if ran {
                        phase = DominantCyclePhase.step(phase, ring: ring, slot: &slot, smoothed: core.smoothed,
                                                        smoothPeriod: core.smoothPeriod, table: table)
                        op[i] = i >= lookback ? phase : .nan
                    } else {
                        op[i] = .nan
                    }
                }
            }
        }
    }
}

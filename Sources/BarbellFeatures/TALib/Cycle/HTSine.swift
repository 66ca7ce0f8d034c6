import Foundation

/// `HT_SINE`: the sine wave indicator, `sine = sin(phase)` and `leadsine = sin(phase + 45°)` of
/// the dominant cycle phase (see ``DominantCyclePhase``). Lookback 63.
enum HTSine {
    static let lookback = 63
    /// π/180 as TA-Lib computes it (`1 / rad2Deg`), written out (a test checks it).
    static let deg2Rad = 0.017453292519943295

    struct Stream: FeatureStream {
        private var core = HilbertCycle(hilbertStart: 37)
        private var phase = DominantCyclePhase()

        @inline(__always)
        mutating func next(_ x: Double) -> (sine: Double, leadSine: Double) {
            guard core.update(x) else { return (.nan, .nan) }
            let degrees = phase.update(smoothed: core.smoothed, smoothPeriod: core.smoothPeriod)
            guard core.bar > HTSine.lookback else { return (.nan, .nan) }
            return (sin(degrees * HTSine.deg2Rad), sin((degrees + 45) * HTSine.deg2Rad))
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            (outputs[0], outputs[1]) = next(inputs[0])
        }
    }

    /// The stream's arithmetic with its state in locals, writing every slot.
    static func batch(_ x: UnsafeBufferPointer<Double>, sine: UnsafeMutableBufferPointer<Double>,
                      leadSine: UnsafeMutableBufferPointer<Double>) {
        guard let xp = x.baseAddress, let sp = sine.baseAddress, let lp = leadSine.baseAddress else { return }
        let count = x.count
        let deg2Rad = HTSine.deg2Rad
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
                        if i >= lookback {
                            sp[i] = sin(phase * deg2Rad)
                            lp[i] = sin((phase + 45) * deg2Rad)
                        } else {
                            sp[i] = .nan
                            lp[i] = .nan
                        }
                    } else {
                        sp[i] = .nan
                        lp[i] = .nan
                    }
                }
            }
        }
    }
}

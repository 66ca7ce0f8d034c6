import Foundation

/// `HT_SINE`: the sine wave indicator, `sine = sin(phase)` and `leadsine = sin(phase + 45°)` of
/// the dominant cycle phase (see ``DominantCyclePhase``). Lookback 63.
enum HTSine {
    static let lookback = 63
    /// π/180 as TA-Lib computes it (`1 / rad2Deg`).
    static let deg2Rad = 1.0 / HilbertCycle.rad2Deg

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

    static func batch(_ x: UnsafeBufferPointer<Double>, sine: UnsafeMutableBufferPointer<Double>,
                      leadSine: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { (sine[i], leadSine[i]) = stream.next(x[i]) }
    }
}

/// `HT_PHASOR`: the Hilbert transform's phasor components, `inphase` (the detrended price
/// delayed three bars) and `quadrature` (Q1), see ``HilbertCycle``. Lookback 32.
enum HTPhasor {
    static let lookback = 32

    struct Stream: FeatureStream {
        private var core = HilbertCycle(hilbertStart: 12)

        @inline(__always)
        mutating func next(_ x: Double) -> (inPhase: Double, quadrature: Double) {
            _ = core.update(x)
            guard core.bar > HTPhasor.lookback else { return (.nan, .nan) }
            return (core.inPhase, core.quadrature)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            (outputs[0], outputs[1]) = next(inputs[0])
        }
    }

    static func batch(_ x: UnsafeBufferPointer<Double>, inPhase: UnsafeMutableBufferPointer<Double>,
                      quadrature: UnsafeMutableBufferPointer<Double>) {
        var stream = Stream()
        for i in 0..<x.count { (inPhase[i], quadrature[i]) = stream.next(x[i]) }
    }
}

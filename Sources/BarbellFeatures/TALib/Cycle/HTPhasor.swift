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

    /// The same engine as a local value (its fields stay in registers), writing every slot.
    static func batch(_ x: UnsafeBufferPointer<Double>, inPhase: UnsafeMutableBufferPointer<Double>,
                      quadrature: UnsafeMutableBufferPointer<Double>) {
        guard let xp = x.baseAddress, let ip = inPhase.baseAddress, let qp = quadrature.baseAddress else { return }
        HilbertEngine.drive(xp, count: x.count, hilbertStart: 12) { i, _, engine in
            if i >= lookback {
                ip[i] = engine.inPhase
                qp[i] = engine.quadrature
            } else {
                ip[i] = .nan
                qp[i] = .nan
            }
        }
    }
}

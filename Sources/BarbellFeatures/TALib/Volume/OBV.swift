/// On-balance volume (Granville, 1963) as `TA_OBV` computes it: starts at the first bar's
/// volume, then adds the volume on an up close and subtracts it on a down close. A NaN close
/// compares neither up nor down, so it leaves the line unchanged. Lookback 0.
enum OBV {
    struct State: Sendable {
        var obv = 0.0
        var previousClose = 0.0
        var started = false

        @inline(__always)
        mutating func next(close: Double, volume: Double) -> Double {
            if !started {
                started = true
                obv = volume
            } else if close > previousClose {
                obv += volume
            } else if close < previousClose {
                obv -= volume
            }
            previousClose = close
            return obv
        }
    }

    static func batch(close: UnsafeBufferPointer<Double>, volume: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let c = close.baseAddress!, v = volume.baseAddress!, o = out.baseAddress!
        var obv = v[0], previousClose = c[0]
        o[0] = obv
        for i in 1..<max(n, 1) {
            // Branch-free (up and down closes are a coin toss): `obv + (−v)` is `obv − v` exactly,
            // and a flat or NaN close adds 0, leaving the line unchanged.
            let x = c[i], volume = v[i]
            let down = x < previousClose ? -volume : 0.0
            obv += x > previousClose ? volume : down
            previousClose = x
            o[i] = obv
        }
    }

    struct Stream: FeatureStream {
        var state = State()
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(close: inputs[0], volume: inputs[1])
        }
    }
}

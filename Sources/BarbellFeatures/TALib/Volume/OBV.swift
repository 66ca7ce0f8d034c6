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
        var state = State()
        for i in 0..<close.count { out[i] = state.next(close: close[i], volume: volume[i]) }
    }

    struct Stream: FeatureStream {
        var state = State()
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(close: inputs[0], volume: inputs[1])
        }
    }
}

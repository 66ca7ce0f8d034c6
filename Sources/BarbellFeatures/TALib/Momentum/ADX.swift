/// Average Directional Movement Index (TA-Lib `ADX`) and its rating (`ADXR`).
///
/// ADX: the first value is the mean of the `period` DX values at bars `period ... 2*period-1`
/// (DX values TA-Lib cannot define are left out of the sum but still counted in the divisor),
/// then `adx = adx * ((period - 1) / period) + dx * (1 / period)` (TA-Lib's
/// `(adx * (period - 1) + dx) / period` up to rounding), skipped where DX is undefined.
/// Lookback `2*period - 1`.
///
/// ADXR: `(ADX[t] + ADX[t - (period - 1)]) / 2`, lookback `3*period - 2`.
enum ADX {
    static func lookback(_ period: Int) -> Int { 2 * period - 1 }
    static func ratingLookback(_ period: Int) -> Int { 3 * period - 2 }

    struct Stream: FeatureStream {
        var core: DirectionalMovement
        let decay: Double
        let reciprocal: Double
        var sumDX = 0.0
        var adx = 0.0

        init(period: Int) {
            core = DirectionalMovement(period: period)
            decay = core.decay
            reciprocal = 1.0 / Double(period)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            core.update(high: high, low: low, close: close)
            let bar = core.bars - 1
            let period = core.period
            if bar < period { return .nan }
            if bar < 2 * period - 1 {
                if let dx = core.dx { sumDX += dx }
                return .nan
            }
            if bar == 2 * period - 1 {
                if let dx = core.dx { sumDX += dx }
                adx = sumDX / core.periodValue
                return adx
            }
            if let dx = core.dx { adx = adx * decay + dx * reciprocal }
            return adx
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }

    /// The stream's arithmetic in phase-split loops.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        var core = DirectionalMovement(period: period)
        var i = core.seed(high: high, low: low, close: close)
        var sumDX = 0.0
        while i < Swift.min(2 * period, n) {
            core.advance(high: high[i], low: low[i], close: close[i])
            if let dx = core.dx { sumDX += dx }
            i += 1
        }
        guard i == 2 * period else { return }
        var adx = sumDX / core.periodValue
        out[i - 1] = adx
        let decay = core.decay, reciprocal = 1.0 / Double(period)
        while i < n {
            core.advance(high: high[i], low: low[i], close: close[i])
            if let dx = core.dx { adx = adx * decay + dx * reciprocal }
            out[i] = adx
            i += 1
        }
    }

    /// ADXR over a ring of the last `period` ADX values.
    struct RatingStream: FeatureStream {
        var adx: Stream
        var history: RingBuffer
        let lookback: Int
        var bars = 0

        init(period: Int) {
            adx = Stream(period: period)
            history = RingBuffer(capacity: period)
            lookback = ADX.ratingLookback(period)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double) -> Double {
            let current = adx.next(high: high, low: low, close: close)
            history.append(current)
            defer { bars += 1 }
            guard bars >= lookback else { return .nan }
            return (current + history.oldest) / 2.0
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = next(high: inputs[0], low: inputs[1], close: inputs[2])
        }
    }

    /// ADX is written into `out` first, then combined in place from the last bar backwards, so
    /// every lagged ADX is read before its slot is overwritten.
    static func ratingBatch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                            period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        batch(high: high, low: low, close: close, period: period, out)
        let lag = period - 1
        let first = ratingLookback(period)
        var t = out.count - 1
        while t >= first {
            out[t] = (out[t] + out[t - lag]) / 2.0
            t -= 1
        }
        for t in 0..<min(first, out.count) { out[t] = .nan }
    }
}

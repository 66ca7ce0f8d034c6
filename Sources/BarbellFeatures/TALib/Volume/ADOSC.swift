/// Chaikin A/D oscillator (`TA_ADOSC`): `EMA(AD, fast) − EMA(AD, slow)` with
/// `k = 2 / (period + 1)`. Unlike TA-Lib's other EMAs, both start from the first A/D value
/// (no SMA seed), and the first output comes after `max(fast, slow) − 1` bars.
///
/// The A/D line is accumulated bar by bar exactly as TA-Lib does. The two EMAs run together in
/// two SIMD lanes (fast, slow) and advance in blocks of two bars, aligned on bar 1 (the first
/// smoothed bar): with `A` the pair before the block and `Uⱼ = k·adⱼ`, the block's first bar is
/// `A·keep + U₀` (TA-Lib's step) and its second `A·keep² + (keep·U₀ + U₁)`, which becomes the
/// next `A`. That leaves one multiply-add on the EMAs' critical path per two bars instead of one
/// per bar. Batch and stream evaluate exactly these operations with the same constants (also in
/// a final partial block), so they agree bit for bit; the values differ from TA-Lib's bar-by-bar
/// fused multiply-adds only by rounding.
enum ADOSC {
    static func lookback(fast: Int, slow: Int) -> Int { max(fast, slow) - 1 }

    /// The smoothing constants, lane 0 fast, lane 1 slow, computed once the same way for batch
    /// and stream.
    struct Weights: Sendable {
        let k: SIMD2<Double>, keep: SIMD2<Double>, keep2: SIMD2<Double>

        init(fast: Int, slow: Int) {
            k = SIMD2(2.0 / Double(fast + 1), 2.0 / Double(slow + 1))
            keep = SIMD2(repeating: 1.0) - k
            keep2 = keep * keep
        }
    }

    struct State: Sendable {
        let lookback: Int
        let w: Weights
        var ad = 0.0
        /// The EMA pair before the current block, and the first bar's `U` once inside it.
        var start = SIMD2<Double>(0, 0)
        var first = SIMD2<Double>(0, 0)
        var inBlock = false
        var seen = 0

        init(fast: Int, slow: Int) {
            lookback = ADOSC.lookback(fast: fast, slow: slow)
            w = Weights(fast: fast, slow: slow)
        }

        @inline(__always)
        mutating func next(high: Double, low: Double, close: Double, volume: Double) -> Double {
            AD.accumulate(&ad, high: high, low: low, close: close, volume: volume)
            let value: SIMD2<Double>
            if seen == 0 {
                start = SIMD2(repeating: ad)
                value = start
            } else {
                let u = w.k * SIMD2(repeating: ad)
                if inBlock {
                    value = start * w.keep2 + (w.keep * first + u)
                    start = value
                } else {
                    first = u
                    value = start * w.keep + u
                }
                inBlock.toggle()
            }
            seen += 1
            return seen > lookback ? value[0] - value[1] : .nan
        }
    }

    /// The batch kernel writes every slot from the lookback on: `State.next` with the state in
    /// registers, two bars (one block) per step, software-pipelined like `AD.batch`: each step
    /// computes the A/D contributions of the two bars `AD.ahead` bars on (one SIMD pair) into a
    /// small ring, and consumes the two stored that far back.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      volume: UnsafeBufferPointer<Double>, fast: Int, slow: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, v = volume.baseAddress!, o = out.baseAddress!
        let lookback = ADOSC.lookback(fast: fast, slow: slow)
        let w = Weights(fast: fast, slow: slow)
        let k = w.k, keep = w.keep, keep2 = w.keep2
        // The first bar seeds both EMAs with the A/D.
        var ad = 0.0
        AD.accumulate(&ad, high: h[0], low: l[0], close: c[0], volume: v[0])
        var a = SIMD2(repeating: ad)
        if lookback == 0 { o[0] = a[0] - a[1] }
        let ahead = AD.ahead
        // Bar t's contribution lives in slot (t − 1) & mask, so blocks start at even slots.
        let ringSize = 2 * ahead, mask = ringSize - 1
        withUnsafeTemporaryAllocation(of: Double.self, capacity: ringSize) { ring in
            let r = ring.baseAddress!
            for t in 1..<min(1 + ahead, n) {
                r[t - 1] = AD.contribution(high: h[t], low: l[t], close: c[t], volume: v[t])
            }
            var i = 1
            while i &+ ahead &+ 2 <= n {
                let j = i &+ ahead
                Lanes.store(AD.contributions(h + j, l + j, c + j, v + j), r + ((j &- 1) & mask))
                let slot = (i &- 1) & mask
                ad += r[slot]
                let u0 = k * SIMD2(repeating: ad)
                let y0 = a * keep + u0
                ad += r[slot &+ 1]
                let u1 = k * SIMD2(repeating: ad)
                a = a * keep2 + (keep * u0 + u1)
                if i >= lookback {
                    let values = SIMD2(y0[0], a[0]) - SIMD2(y0[1], a[1])
                    Lanes.store(values, o + i)
                } else if i &+ 1 >= lookback {
                    o[i &+ 1] = a[0] - a[1]
                }
                i &+= 2
            }
            // The remaining bars one at a time, with the same per-position formulas (the loop
            // above stops at a block boundary). Bars before `written` have their contribution
            // in the ring.
            let written = min(i &+ ahead, n)
            var first = SIMD2<Double>(0, 0)
            var inBlock = false
            while i < n {
                ad += i < written ? r[(i &- 1) & mask] : AD.contribution(high: h[i], low: l[i], close: c[i], volume: v[i])
                let u = k * SIMD2(repeating: ad)
                let y: SIMD2<Double>
                if inBlock {
                    y = a * keep2 + (keep * first + u)
                    a = y
                } else {
                    first = u
                    y = a * keep + u
                }
                inBlock.toggle()
                if i >= lookback { o[i] = y[0] - y[1] }
                i += 1
            }
        }
    }

    struct Stream: FeatureStream {
        var state: State
        init(fast: Int, slow: Int) { state = State(fast: fast, slow: slow) }
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            outputs[0] = state.next(high: inputs[0], low: inputs[1], close: inputs[2], volume: inputs[3])
        }
    }
}

/// Chaikin accumulation/distribution line (`TA_AD`): the running sum of
/// `((close − low) − (high − close)) / (high − low) · volume`. Bars with `high − low` not
/// positive add nothing (so a NaN high or low is skipped, as in TA-Lib), while a NaN close or
/// volume on a bar with a range makes the line NaN from then on. Lookback 0.
enum AD {
    /// One bar's contribution added to `ad`, in TA-Lib's order.
    @inline(__always)
    static func accumulate(_ ad: inout Double, high: Double, low: Double, close: Double, volume: Double) {
        let range = high - low
        if range > 0.0 {
            ad += (((close - low) - (high - close)) / range) * volume
        }
    }

    /// One bar's contribution, or 0 where `accumulate` adds nothing. Adding that 0 leaves the
    /// sum unchanged bit for bit: it starts at +0 and a sum is −0 only when both terms are, so it
    /// is never −0, and `x + 0 = x` for every other `x`, NaN included.
    @inline(__always)
    static func contribution(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let range = high - low
        return range > 0.0 ? (((close - low) - (high - close)) / range) * volume : 0.0
    }

    /// `contribution` for two consecutive bars in two SIMD lanes: the same IEEE operations per
    /// lane, the skip done by masking the lane to +0.
    @inline(__always)
    static func contributions(_ h: UnsafePointer<Double>, _ l: UnsafePointer<Double>, _ c: UnsafePointer<Double>,
                              _ v: UnsafePointer<Double>) -> SIMD2<Double> {
        let high = Lanes.load(h)
        let low = Lanes.load(l)
        let close = Lanes.load(c)
        let volume = Lanes.load(v)
        let range = high - low
        let value = (((close - low) - (high - close)) / range) * volume
        let keep = (range .> SIMD2<Double>(repeating: 0.0))._storage
        return unsafeBitCast(unsafeBitCast(value, to: SIMD2<Int64>.self) & keep, to: SIMD2<Double>.self)
    }

    /// How many bars ahead of the running sum the batch kernels compute contributions.
    static let ahead = 64

    /// The batch kernel writes every slot. Software-pipelined: each step computes the
    /// contributions of two bars `ahead` bars on (two SIMD lanes, one packed division) and stores
    /// them into the output, and adds the two contributions stored `ahead` bars earlier to the
    /// running sum in TA-Lib's order, overwriting them with the line. The division and the loads
    /// run far ahead of the one-add-per-bar dependency chain.
    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      volume: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let h = high.baseAddress!, l = low.baseAddress!, c = close.baseAddress!, v = volume.baseAddress!, o = out.baseAddress!
        let ahead = AD.ahead
        for i in 0..<min(ahead, n) {
            o[i] = contribution(high: h[i], low: l[i], close: c[i], volume: v[i])
        }
        var ad = 0.0
        var i = 0
        while i &+ ahead &+ 2 <= n {
            let j = i &+ ahead
            Lanes.store(contributions(h + j, l + j, c + j, v + j), o + j)
            ad += o[i]
            o[i] = ad
            ad += o[i &+ 1]
            o[i &+ 1] = ad
            i &+= 2
        }
        // Slots before `written` hold contributions; the rest are computed here.
        let written = min(i &+ ahead, n)
        while i < n {
            ad += i < written ? o[i] : contribution(high: h[i], low: l[i], close: c[i], volume: v[i])
            o[i] = ad
            i &+= 1
        }
    }

    struct Stream: FeatureStream {
        var ad = 0.0
        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            AD.accumulate(&ad, high: inputs[0], low: inputs[1], close: inputs[2], volume: inputs[3])
            outputs[0] = ad
        }
    }
}

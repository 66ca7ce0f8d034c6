/// Williams' %R (TA-Lib `WILLR`): `((highest high - close) / (highest high - lowest low)) * -100`
/// over `timeperiod` bars, clamped into [-100, 0]; 0 when the range is within 1e-14 of the
/// extremes' magnitude. Lookback `timeperiod - 1`.
///
/// The extremes are tracked with TA-Lib's classic running-extreme bookkeeping (``RunningExtreme``,
/// strict rescans), whose NaN behaviour matches TA-Lib 0.8.1 on the parity fixtures; the output
/// formula, zero test and clamp are TA-Lib 0.8.1's.
enum WILLR {
    static func lookback(_ period: Int) -> Int { period - 1 }

    /// The state that does not depend on where the bars are stored.
    struct State {
        let period: Int
        var lowest = RunningExtreme()
        var highest = RunningExtreme()

        @inline(__always)
        mutating func value<H: BarHistory>(highs: H, lows: H, close: Double, today: Int) -> Double {
            let oldest = today - (period - 1)
            _ = lowest.updateLowest(lows, today: today, oldest: oldest, strictRescan: true)
            _ = highest.updateHighest(highs, today: today, oldest: oldest, strictRescan: true)
            return WILLR.value(highest: highest.value, lowest: lowest.value, close: close)
        }
    }

    /// The output for the window extremes `hh`, `ll` (TA-Lib 0.8.1's formula).
    @inline(__always)
    static func value(highest hh: Double, lowest ll: Double, close: Double) -> Double {
        let range = hh - ll
        // Scale-aware zero test; a NaN range fails it and propagates.
        if TALibMath.epsilon * (abs(hh) + abs(ll)) >= abs(range) { return 0 }
        let r = ((hh - close) / range) * -100.0
        // Clamp into [-100, 0] without touching NaN.
        return r > 0 ? 0 : (-100.0 > r ? -100.0 : r)
    }

    static func batch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, close: UnsafeBufferPointer<Double>,
                      period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        // Without NaN the window extremes are plain maxima and minima, which any exact method
        // finds bit for bit; the block method below is O(1) per bar and branch-free. With NaN
        // the running-extreme bookkeeping decides what a NaN does, so that path is kept.
        // The block method also reports whether it met a NaN; only then are its outputs
        // replaced by the general path's.
        if blockBatch(high: high, low: low, close: close, period: period, out) { return }
        var state = State(period: period)
        var today = period - 1
        while today < close.count {
            out[today] = state.value(highs: high, lows: low, close: close[today], today: today)
            today += 1
        }
    }

    /// O(1) amortised; a rescan costs O(timeperiod) when an extreme leaves the window.
    struct Stream: FeatureStream {
        var state: State
        var highs: BarRing
        var lows: BarRing
        var today = 0

        init(period: Int) {
            state = State(period: period)
            highs = BarRing(capacity: period)
            lows = BarRing(capacity: period)
        }

        mutating func update(_ inputs: UnsafeBufferPointer<Double>, _ outputs: UnsafeMutableBufferPointer<Double>) {
            highs.store(inputs[0], at: today)
            lows.store(inputs[1], at: today)
            defer { today += 1 }
            guard today >= state.period - 1 else {
                outputs[0] = .nan
                return
            }
            outputs[0] = state.value(highs: highs, lows: lows, close: inputs[2], today: today)
        }
    }

    /// Van Herk / Gil-Werman sliding extremes for NaN-free input. Bars are cut into blocks of
    /// `period`; the window ending at bar `t` of block B starts in the previous block A, so its
    /// extreme is `extreme(suffix of A from the window start, prefix of B up to t)`. B's prefix
    /// and A's suffix are two independent scans, run in one loop so they overlap; the outputs
    /// are then combined and computed four at a time (lane by lane, so bit-identical to
    /// ``value(highest:lowest:close:)``).
    /// Returns false when it met a NaN; the caller then recomputes every output.
    private static func blockBatch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                                   close: UnsafeBufferPointer<Double>, period p: Int, _ out: UnsafeMutableBufferPointer<Double>) -> Bool {
        let n = close.count
        guard n >= p, let h = high.baseAddress, let l = low.baseAddress, let c = close.baseAddress,
              let dst = out.baseAddress else { return true }
        // Four slots of padding: the packed loop below may read up to three slots past a run.
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 4 * p + 6)
        defer { scratch.deallocate() }
        // Prefix extremes of B (slot k: bars B ... B + k) and suffix extremes of A (slot j: bars
        // A + j ... A + p - 1); suffix slot `p` is neutral, for the window that is B alone.
        let prefixHigh = scratch, prefixLow = scratch + p
        let suffixHigh = scratch + 2 * p, suffixLow = scratch + 3 * p + 1
        prefixHigh.initialize(repeating: 0, count: 2 * p)
        suffixHigh.initialize(repeating: -.infinity, count: p + 1)
        suffixLow.initialize(repeating: .infinity, count: p + 5)
        // Plain comparisons (no NaN here) compile to maxsd/minsd.
        @inline(__always) func larger(_ a: Double, _ b: Double) -> Double { a > b ? a : b }
        @inline(__always) func smaller(_ a: Double, _ b: Double) -> Double { a < b ? a : b }
        // NaN detection: a NaN high or low at bar t >= period - 1 enters the prefix extreme of
        // t itself (`larger`/`smaller` return their second operand when a comparison fails) and
        // so makes output t NaN; without NaN input the block extremes are exact (infinities
        // included), so a NaN-free output means the block path was valid. The bars before the
        // first output are screened directly.
        var sawNaN = false
        for i in 0..<(p - 1) { sawNaN = sawNaN || h[i] != h[i] || l[i] != l[i] }
        typealias V = SIMD4<Double>
        // |x| lane-wise by clearing the sign bit, exactly what scalar `abs` does.
        let magnitudeBits = SIMD4<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        @inline(__always) func magnitude(_ x: V) -> V {
            unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) & magnitudeBits, to: V.self)
        }
        @inline(__always) func load(_ x: UnsafeMutablePointer<Double>) -> V { UnsafeRawPointer(x).loadUnaligned(as: V.self) }
        let lowest = V(repeating: -100.0), epsilon = V(repeating: TALibMath.epsilon)
        var nanLanes = SIMDMask<SIMD4<Int64>>(repeating: false)
        var blockStart = 0
        while blockStart < n {
            let b = blockStart, a = blockStart - p
            let count = Swift.min(p, n - b)
            var ph = h[b], pl = l[b]
            if b > 0 && count == p {
                var sh = h[b - 1], sl = l[b - 1]
                // Base pointers and wrapping index arithmetic keep overflow checks out of the loop.
                let bh = h + b, bl = l + b, ah = h + a, al = l + a
                for k in 0..<p {
                    let x = bh[k], y = bl[k]
                    ph = larger(ph, x)
                    pl = smaller(pl, y)
                    prefixHigh[k] = ph
                    prefixLow[k] = pl
                    let j = p &- 1 &- k
                    sh = larger(sh, ah[j])
                    sl = smaller(sl, al[j])
                    suffixHigh[j] = sh
                    suffixLow[j] = sl
                }
            } else {
                for k in 0..<count {
                    let x = h[b + k], y = l[b + k]
                    ph = larger(ph, x)
                    pl = smaller(pl, y)
                    prefixHigh[k] = ph
                    prefixLow[k] = pl
                }
                if b > 0 {
                    var sh = h[b - 1], sl = l[b - 1]
                    var j = p - 1
                    while j >= 0 {
                        sh = larger(sh, h[a + j])
                        sl = smaller(sl, l[a + j])
                        suffixHigh[j] = sh
                        suffixLow[j] = sl
                        j -= 1
                    }
                }
            }
            // Bar b + k's window starts at A's slot k + 1. The packed loop runs up to three lanes
            // past the block: those lanes read neighbouring scratch slots and write bars of the
            // next block, which that block overwrites with its own values.
            var k = b == 0 ? p - 1 : 0
            while k < count && b &+ k &+ 4 <= n {
                let sh = load(suffixHigh + k + 1), ph = load(prefixHigh + k)
                let sl = load(suffixLow + k + 1), pl = load(prefixLow + k)
                let hh = ph.replacing(with: sh, where: sh .> ph)
                let ll = pl.replacing(with: sl, where: sl .< pl)
                let close = UnsafeRawPointer(c + b + k).loadUnaligned(as: V.self)
                let range = hh - ll
                let zero = epsilon * (magnitude(hh) + magnitude(ll)) .>= magnitude(range)
                let r = ((hh - close) / range) * -100.0
                let clamped = r.replacing(with: lowest, where: lowest .> r).replacing(with: 0, where: r .> 0)
                let result = clamped.replacing(with: 0, where: zero)
                // Lanes past the block read neighbouring scratch slots: finite values or the
                // infinite sentinels, whose outputs the zero test turns into 0, so they too are
                // NaN only after a NaN input.
                nanLanes .|= result .!= result
                UnsafeMutableRawPointer(dst + b + k).storeBytes(of: result, as: V.self)
                k += 4
            }
            while k < count {
                let result = value(highest: larger(suffixHigh[k + 1], prefixHigh[k]),
                                   lowest: smaller(suffixLow[k + 1], prefixLow[k]), close: c[b + k])
                sawNaN = sawNaN || result != result
                dst[b + k] = result
                k += 1
            }
            blockStart += p
        }
        return !sawNaN && !any(nanLanes)
    }
}

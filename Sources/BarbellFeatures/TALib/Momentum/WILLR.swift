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
        if !TALibMath.containsNaN(high) && !TALibMath.containsNaN(low) {
            blockBatch(high: high, low: low, close: close, period: period, out)
            return
        }
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
    /// extreme is `extreme(suffix of A from the window start, prefix of B up to t)`. Only A's
    /// suffix is kept (`period` slots), computed just before B is walked.
    private static func blockBatch(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>,
                                   close: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>) {
        let n = close.count
        let suffixHigh = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
        let suffixLow = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
        defer {
            suffixHigh.deallocate()
            suffixLow.deallocate()
        }
        // Plain comparisons (no NaN here) compile to maxsd/minsd.
        @inline(__always) func larger(_ a: Double, _ b: Double) -> Double { a > b ? a : b }
        @inline(__always) func smaller(_ a: Double, _ b: Double) -> Double { a < b ? a : b }
        var blockStart = 0
        while blockStart < n {
            if blockStart > 0 {
                // Suffix extremes of the previous block, slot k for bar blockStart - period + k.
                let previous = blockStart - period
                var hi = high[blockStart - 1], lo = low[blockStart - 1]
                var k = period - 1
                while k >= 0 {
                    hi = larger(hi, high[previous + k])
                    lo = smaller(lo, low[previous + k])
                    suffixHigh[k] = hi
                    suffixLow[k] = lo
                    k -= 1
                }
            }
            let blockEnd = Swift.min(blockStart + period, n)
            var hh = high[blockStart], ll = low[blockStart]
            var t = blockStart
            while t < blockEnd {
                hh = larger(hh, high[t])
                ll = smaller(ll, low[t])
                if t >= period - 1 {
                    // Window start t - period + 1 = previous block's slot (t - blockStart) + 1;
                    // slot `period` means the window is this block alone.
                    let slot = t - blockStart + 1
                    let windowHigh = slot < period ? larger(suffixHigh[slot], hh) : hh
                    let windowLow = slot < period ? smaller(suffixLow[slot], ll) : ll
                    out[t] = value(highest: windowHigh, lowest: windowLow, close: close[t])
                }
                t += 1
            }
            blockStart += period
        }
    }
}

/// The highest (or lowest) value of a sliding window the way TA-Lib 0.8 computes `MAX`/`MIN`
/// (and so `MIDPOINT` and `MIDPRICE`): the van Herk / Gil–Werman scheme (van Herk, *Pattern
/// Recognition Letters* 13, 1992; Gil & Werman, *IEEE PAMI* 15, 1993).
///
/// The series is cut into blocks of `period` bars from its first bar. Within a block a running
/// prefix extreme is kept; when a block completes, its suffix extremes (from each bar to the
/// block's end) are computed once. A window then spans the tail of one block and the head of the
/// next, and its extreme is the better of that block's suffix and the current prefix, the prefix
/// winning only when strictly better. Every step keeps the incumbent unless the challenger
/// compares strictly better, so a NaN is skipped when it challenges and sticks when it is the
/// incumbent; this reproduces TA-Lib's output exactly, NaN included. O(1) amortised per bar.
struct SlidingExtreme: Sendable {
    let period: Int
    let findsMax: Bool
    /// The current block's values, and the suffix extremes of the last completed block.
    var block: [Double]
    var suffix: [Double]
    var prefix = 0.0
    var position = 0
    var seen = 0

    init(period: Int, findsMax: Bool) {
        self.period = period
        self.findsMax = findsMax
        self.block = [Double](repeating: 0, count: period)
        self.suffix = [Double](repeating: 0, count: period)
    }

    @inline(__always)
    func better(_ challenger: Double, than incumbent: Double) -> Bool {
        findsMax ? challenger > incumbent : challenger < incumbent
    }

    /// Consumes one value; the extreme of the last `period` values, NaN until there are that many.
    @inline(__always)
    mutating func next(_ x: Double) -> Double {
        let pos = position
        block[pos] = x
        prefix = pos == 0 || better(x, than: prefix) ? x : prefix
        var result = Double.nan
        if pos == period - 1 {
            // The block is complete: its suffix extremes serve the next block's windows, and
            // this window is the block itself.
            var running = x
            suffix[pos] = running
            var j = pos - 1
            while j >= 0 {
                let v = block[j]
                if better(v, than: running) { running = v }
                suffix[j] = running
                j -= 1
            }
            result = running
            position = 0
        } else {
            if seen >= period {
                let tail = suffix[pos + 1]
                result = better(prefix, than: tail) ? prefix : tail
            }
            position = pos + 1
        }
        seen += 1
        return result
    }

    /// `(max(high window) + min(low window)) / 2` for every full window, in one pass with both
    /// extremes carried side by side (MIDPRICE; MIDPOINT passes the same column twice).
    static func midpoints(high: UnsafeBufferPointer<Double>, low: UnsafeBufferPointer<Double>, period: Int,
                          _ out: UnsafeMutableBufferPointer<Double>) {
        let n = high.count
        guard n >= period else { return }
        let suffixHigh = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
        let suffixLow = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
        defer {
            suffixHigh.deallocate()
            suffixLow.deallocate()
        }
        var blockStart = 0
        while blockStart < n {
            let blockEnd = min(blockStart + period - 1, n)
            if blockStart > 0 {
                // Windows ending inside this block, before its last bar.
                var hi = high[blockStart], lo = low[blockStart]
                var tailHigh = suffixHigh[1], tailLow = suffixLow[1]
                out[blockStart] = ((hi > tailHigh ? hi : tailHigh) + (lo < tailLow ? lo : tailLow)) / 2.0
                var i = blockStart + 1
                while i < blockEnd {
                    let h = high[i], l = low[i]
                    hi = h > hi ? h : hi
                    lo = l < lo ? l : lo
                    tailHigh = suffixHigh[i - blockStart + 1]
                    tailLow = suffixLow[i - blockStart + 1]
                    out[i] = ((hi > tailHigh ? hi : tailHigh) + (lo < tailLow ? lo : tailLow)) / 2.0
                    i += 1
                }
            }
            guard blockEnd < n else { break }
            // Close the block: suffix extremes for the next block; this window is the block.
            var hi = high[blockEnd], lo = low[blockEnd]
            suffixHigh[period - 1] = hi
            suffixLow[period - 1] = lo
            var j = period - 2
            while j >= 0 {
                let h = high[blockStart + j], l = low[blockStart + j]
                hi = h > hi ? h : hi
                lo = l < lo ? l : lo
                suffixHigh[j] = hi
                suffixLow[j] = lo
                j -= 1
            }
            out[blockEnd] = (hi + lo) / 2.0
            blockStart += period
        }
    }
}

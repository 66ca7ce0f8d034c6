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

    /// Batch form: writes the extreme of each full window of `x` into `out` (from index
    /// `period - 1`), block by block with one suffix pass per block, as ``next(_:)`` does.
    static func batch(_ x: UnsafeBufferPointer<Double>, period: Int, findsMax: Bool,
                      _ out: UnsafeMutableBufferPointer<Double>) {
        if findsMax {
            run(x, period: period, out) { $0 > $1 }
        } else {
            run(x, period: period, out) { $0 < $1 }
        }
    }

    @inline(__always)
    private static func run(_ x: UnsafeBufferPointer<Double>, period: Int, _ out: UnsafeMutableBufferPointer<Double>,
                            _ better: (Double, Double) -> Bool) {
        let n = x.count
        guard n >= period else { return }
        let suffix = UnsafeMutableBufferPointer<Double>.allocate(capacity: period)
        defer { suffix.deallocate() }
        var blockStart = 0
        while blockStart + period <= n {
            let blockEnd = blockStart + period - 1
            // Windows ending inside this block (before its last bar) use the previous block's
            // suffixes and this block's running prefix.
            if blockStart > 0 {
                var prefix = 0.0
                for i in blockStart..<blockEnd {
                    let v = x[i]
                    prefix = i == blockStart || better(v, prefix) ? v : prefix
                    let tail = suffix[i - blockStart + 1]
                    out[i] = better(prefix, tail) ? prefix : tail
                }
            }
            // Close the block: its suffix extremes, and the window that is the block itself.
            var running = x[blockEnd]
            suffix[period - 1] = running
            var j = period - 2
            while j >= 0 {
                let v = x[blockStart + j]
                if better(v, running) { running = v }
                suffix[j] = running
                j -= 1
            }
            out[blockEnd] = running
            blockStart += period
        }
        // The trailing partial block.
        if blockStart > 0 && blockStart < n {
            var prefix = 0.0
            for i in blockStart..<n {
                let v = x[i]
                prefix = i == blockStart || better(v, prefix) ? v : prefix
                let tail = suffix[i - blockStart + 1]
                out[i] = better(prefix, tail) ? prefix : tail
            }
        }
    }
}

import Foundation

/// The non-NaN values of a rolling window kept in ascending order, for pandas' rolling
/// `quantile` (linear interpolation) and `rank(pct=True)` (average ties), which Qlib's
/// `Quantile` and `Rank` call with `min_periods=1`.
///
/// Insert and remove are a binary search plus a shift of at most `window` values; Alpha158's
/// windows are at most 60, where this beats a skip list.
struct SortedWindow: Sendable {
    private var values: [Double]
    private(set) var count = 0

    init(window: Int) { values = [Double](repeating: 0, count: window + 1) }

    /// Index of the first value ≥ `x` (`strict == false`) or > `x` (`strict == true`) among the
    /// `count` sorted values at `v`.
    @inline(__always)
    private static func bound(_ v: UnsafePointer<Double>, _ count: Int, _ x: Double, strict: Bool) -> Int {
        // Branch-free halving (the trip count depends on `count` only): `base` stays the last
        // index known to be below `x`, or 0.
        guard count > 0 else { return 0 }
        var base = 0, n = count
        if strict {
            while n > 1 {
                let half = n >> 1
                base &+= v[base + half] <= x ? half : 0
                n &-= half
            }
            return base + (v[base] <= x ? 1 : 0)
        } else {
            while n > 1 {
                let half = n >> 1
                base &+= v[base + half] < x ? half : 0
                n &-= half
            }
            return base + (v[base] < x ? 1 : 0)
        }
    }

    @inline(__always)
    private func bound(_ x: Double, strict: Bool) -> Int {
        values.withUnsafeBufferPointer { Self.bound($0.baseAddress!, count, x, strict: strict) }
    }

    /// Deletes `leaving` then inserts `entering` (pandas-clean; NaN is skipped).
    @inline(__always)
    mutating func slide(entering: Double, leaving: Double) {
        let leaves = !leaving.isNaN, enters = !entering.isNaN
        guard leaves || enters else { return }
        var count = self.count
        values.withUnsafeMutableBufferPointer { buffer in
            let v = buffer.baseAddress!
            if leaves {
                let j = Self.bound(v, count, leaving, strict: false)
                memmove(v + j, v + j + 1, Swift.max(count - 1 - j, 0) * MemoryLayout<Double>.stride)
                count -= 1
            }
            if enters {
                let i = Self.bound(v, count, entering, strict: true)
                memmove(v + i + 1, v + i, (count - i) * MemoryLayout<Double>.stride)
                v[i] = entering
                count += 1
            }
        }
        self.count = count
    }

    /// pandas' linear-interpolated quantile `q` of the window.
    func quantile(_ q: Double) -> Double {
        guard count > 0 else { return .nan }
        if count == 1 { return values[0] }
        let position = q * Double(count - 1)
        let i = Int(position)
        if position == Double(i) { return values[i] }
        let low = values[i], high = values[i + 1]
        return low + (high - low) * (position - Double(i))
    }

    /// pandas' rolling percentile rank of `x` (the newest value): the average of the ranks its
    /// ties occupy, over the window's count. NaN when `x` is NaN.
    func percentileRank(of x: Double) -> Double {
        guard count > 0, !x.isNaN else { return .nan }
        let rank = Double(bound(x, strict: true))              // highest rank among ties
        let rankMin = Double(bound(x, strict: false) + 1)      // lowest rank among ties
        let average = ((rank * (rank + 1) / 2) - ((rankMin - 1) * rankMin / 2)) / (rank - rankMin + 1)
        return average / Double(count)
    }
}

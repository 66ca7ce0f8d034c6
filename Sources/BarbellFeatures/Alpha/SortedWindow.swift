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

    /// Index of the first value ≥ `x` (`strict == false`) or > `x` (`strict == true`).
    @inline(__always)
    private func bound(_ x: Double, strict: Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if strict ? values[mid] <= x : values[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Deletes `leaving` then inserts `entering` (pandas-clean; NaN is skipped).
    @inline(__always)
    mutating func slide(entering: Double, leaving: Double) {
        if !leaving.isNaN {
            let i = bound(leaving, strict: false)
            var j = i
            while j < count - 1 { values[j] = values[j + 1]; j += 1 }
            count -= 1
        }
        if !entering.isNaN {
            let i = bound(entering, strict: true)
            var j = count
            while j > i { values[j] = values[j - 1]; j -= 1 }
            values[i] = entering
            count += 1
        }
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

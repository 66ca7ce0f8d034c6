import Foundation

/// The non-NaN values of a rolling window kept in ascending order, for pandas' rolling
/// `quantile` (linear interpolation) and `rank(pct=True)` (average ties), which Qlib's
/// `Quantile` and `Rank` call with `min_periods=1`.
///
/// Insert and remove are a count of the smaller values plus a shift of the values between the
/// two positions; Alpha158's windows are at most 60, where this beats a skip list.
struct SortedWindow: Sendable {
    private var values: [Double]
    private(set) var count = 0
    /// The newest value and, when a slide could count them on the way, how many window values
    /// are below it and not above it (so its rank costs no second pass over the window).
    private var newest = Double.nan
    private var newestBelow = 0, newestNotAbove = 0
    private var newestCounted = false

    init(window: Int) { values = [Double](repeating: 0, count: window + 1) }

    /// Index of the first value ≥ `x` (`strict == false`) or > `x` (`strict == true`) among the
    /// `count` sorted values at `v`.
    @inline(__always)
    private static func bound(_ v: UnsafePointer<Double>, _ count: Int, _ x: Double, strict: Bool) -> Int {
        // In a sorted array the bound is the number of values below (or not above) `x`. Counting
        // them all is branch-free and runs two lanes at a time, which beats a binary search's
        // unpredictable branches at Alpha158's windows (at most 60 values). The counts are
        // integers so the running sums cost a one-cycle add per step, not a floating-point one.
        let xs = SIMD2(repeating: x), one = SIMD2<Int64>(repeating: 1), zero = SIMD2<Int64>()
        var counts = zero
        var k = 0
        if strict {
            while k + 2 <= count {
                counts &+= zero.replacing(with: one, where: Lanes.load(v + k) .<= xs)
                k += 2
            }
            return Int(counts[0] &+ counts[1]) + (k < count && v[k] <= x ? 1 : 0)
        } else {
            while k + 2 <= count {
                counts &+= zero.replacing(with: one, where: Lanes.load(v + k) .< xs)
                k += 2
            }
            return Int(counts[0] &+ counts[1]) + (k < count && v[k] < x ? 1 : 0)
        }
    }

    /// How many of the `count` values at `v` are below `x`, not above `x` (the two ends of
    /// `x`'s run of ties) and below `y`, in one pass.
    @inline(__always)
    private static func bounds(_ v: UnsafePointer<Double>, _ count: Int, _ x: Double,
                               below y: Double) -> (below: Int, notAbove: Int, belowY: Int) {
        let xs = SIMD2(repeating: x), ys = SIMD2(repeating: y), one = SIMD2<Int64>(repeating: 1), zero = SIMD2<Int64>()
        var below = zero, notAbove = zero, belowY = zero
        var k = 0
        while k + 2 <= count {
            let values = Lanes.load(v + k)
            below &+= zero.replacing(with: one, where: values .< xs)
            notAbove &+= zero.replacing(with: one, where: values .<= xs)
            belowY &+= zero.replacing(with: one, where: values .< ys)
            k += 2
        }
        var b = Int(below[0] &+ below[1]), a = Int(notAbove[0] &+ notAbove[1]), c = Int(belowY[0] &+ belowY[1])
        if k < count {
            if v[k] < x { b += 1 }
            if v[k] <= x { a += 1 }
            if v[k] < y { c += 1 }
        }
        return (b, a, c)
    }

    /// Deletes `leaving` then inserts `entering` (pandas-clean; NaN is skipped).
    @inline(__always)
    mutating func slide(entering: Double, leaving: Double) {
        let leaves = !leaving.isNaN, enters = !entering.isNaN
        newest = entering
        newestCounted = false
        guard leaves || enters else { return }
        var count = self.count
        values.withUnsafeMutableBufferPointer { buffer in
            let v = buffer.baseAddress!
            if leaves && enters {
                // The same array as deleting then inserting, with only the values between the
                // two positions moved: `j` is the leaving value's slot, `u` the insertion point
                // among all `count` values, one less once `j` (below it) is gone.
                let (below, u, j) = Self.bounds(v, count, entering, below: leaving)
                // The entering value's ties, counted in the window after the slide.
                newestBelow = below - (leaving < entering ? 1 : 0)
                newestNotAbove = u - (leaving <= entering ? 1 : 0) + 1
                newestCounted = true
                if u > j {
                    let i = u - 1
                    var k = j
                    while k < i { v[k] = v[k + 1]; k += 1 }
                    v[i] = entering
                } else {
                    var k = j
                    while k > u { v[k] = v[k - 1]; k -= 1 }
                    v[u] = entering
                }
                return
            }
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
    @inline(__always)
    func percentileRank(of x: Double) -> Double {
        guard count > 0, !x.isNaN else { return .nan }
        let (rank, rankMin) = newestCounted && x.bitPattern == newest.bitPattern
            ? (Double(newestNotAbove), Double(newestBelow + 1))
            : values.withUnsafeBufferPointer { buffer -> (Double, Double) in
                let v = buffer.baseAddress!
                return (Double(Self.bound(v, count, x, strict: true)),          // highest rank among ties
                        Double(Self.bound(v, count, x, strict: false) + 1))     // lowest rank among ties
            }
        let average = ((rank * (rank + 1) / 2) - ((rankMin - 1) * rankMin / 2)) / (rank - rankMin + 1)
        return average / Double(count)
    }
}

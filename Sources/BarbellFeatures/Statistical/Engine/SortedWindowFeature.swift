extension RollingStat {
    /// A statistic of the window's values in ascending order (quantiles, VaR, Hill).
    protocol SortedStatistic {
        /// `sorted` holds the window's `rows` values ascending. Never sees a NaN.
        func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double
    }

    /// Keeps the window's values (one per bar from a one-value transform) both in arrival
    /// order, to know which value leaves, and sorted, updated by binary search and a shift
    /// instead of re-sorting: O(window) data movement but only O(log window) comparisons per
    /// bar. NaN until the window is full and while a NaN is inside it.
    struct SortedWindowFeature<T: Transform, S: SortedStatistic>: Engine {
        var transform: T
        let statistic: S
        let rows: Int
        /// `ring[0..<rows]` in arrival order, `ring[rows]` the transform's scratch slot.
        var ring: [Double]
        var sorted: [Double]
        var sortedCount = 0
        var head = 0
        var filled = 0
        var nanRows = 0

        init(_ transform: T, rows: Int, _ statistic: S) {
            precondition(transform.width == 1, "a sorted window holds one value per bar")
            self.transform = transform
            self.statistic = statistic
            self.rows = rows
            ring = [Double](repeating: 0, count: rows + 1)
            sorted = [Double](repeating: 0, count: rows)
        }

        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double {
            let rows = rows, head = head
            let defined = ring.withUnsafeMutableBufferPointer { transform.next(row, UnsafeMutableBufferPointer(rebasing: $0[rows...])) }
            guard defined else { return .nan }
            var count = sortedCount
            let incoming = ring[rows]
            let outgoing = filled == rows ? ring[head] : .nan
            sorted.withUnsafeMutableBufferPointer { s in
                if !outgoing.isNaN {
                    // First slot holding a value not below the outgoing one: that value itself.
                    var lo = 0, hi = count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if s[mid] < outgoing { lo = mid + 1 } else { hi = mid }
                    }
                    var i = lo
                    while i + 1 < count {
                        s[i] = s[i + 1]
                        i += 1
                    }
                    count -= 1
                }
                if !incoming.isNaN {
                    // After every value not above the incoming one.
                    var lo = 0, hi = count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if s[mid] <= incoming { lo = mid + 1 } else { hi = mid }
                    }
                    var i = count
                    while i > lo {
                        s[i] = s[i - 1]
                        i -= 1
                    }
                    s[lo] = incoming
                    count += 1
                }
            }
            if filled == rows, outgoing.isNaN { nanRows -= 1 }
            if incoming.isNaN { nanRows += 1 }
            sortedCount = count
            ring[head] = incoming
            self.head = head + 1 == rows ? 0 : head + 1
            if filled < rows { filled += 1 }
            guard filled == rows, nanRows == 0 else { return .nan }
            let statistic = statistic
            return sorted.withUnsafeBufferPointer { statistic.evaluate(UnsafeBufferPointer(rebasing: $0[0..<rows])) }
        }
    }
}

extension UnsafeMutableBufferPointer where Element == Double {
    /// Reorders the buffer so that `self[k]` holds the value a full ascending sort would put
    /// there, with nothing greater before it and nothing smaller after it (C++'s
    /// `nth_element`).
    ///
    /// Expected O(n): Hoare partitioning around a median-of-three pivot. A partitioning that
    /// keeps making poor progress falls back to sorting the remaining range, which bounds the
    /// worst case at O(n log n). The buffer must not contain NaN (it has no place in an
    /// order); callers filter it out first.
    public func select(_ k: Int) {
        precondition(k >= 0 && k < count, "select(\(k)) on \(count) elements")
        var lo = 0
        var hi = count - 1
        var budget = 2 * (Int.bitWidth - count.leadingZeroBitCount) + 8
        while hi > lo {
            if budget == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: self[lo...hi])
                rest.sort()
                return
            }
            budget -= 1
            let mid = lo + (hi - lo) / 2
            if self[mid] < self[lo] { swapAt(mid, lo) }
            if self[hi] < self[lo] { swapAt(hi, lo) }
            if self[hi] < self[mid] { swapAt(hi, mid) }
            let pivot = self[mid]
            var i = lo
            var j = hi
            // The pivot value is inside the range, so each scan stops before leaving it.
            while i <= j {
                while self[i] < pivot { i += 1 }
                while pivot < self[j] { j -= 1 }
                if i <= j {
                    swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now self[lo...j] <= pivot <= self[i...hi], and anything between equals pivot.
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
    }
}

extension RollingStat {
    /// A statistic of a whole window of transformed values, evaluated afresh at every bar
    /// (quantiles, Hurst exponents, regressions...): O(window) or more per bar.
    protocol WindowStatistic {
        /// Scratch values ``evaluate(_:rows:_:)`` may use (sorted copies, profiles); 0 if none.
        var scratchCount: Int { get }
        /// `window` holds `rows` rows of the transform's values, row-major and oldest first
        /// (for a one-value transform simply the last `rows` values). Never sees a NaN row.
        func evaluate(_ window: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double
    }

    /// Keeps the last `rows` transformed rows contiguous and evaluates a ``WindowStatistic`` on
    /// them: NaN until the window is full and while any row in it holds a NaN.
    struct WindowFeature<T: Transform, S: WindowStatistic>: Engine {
        var transform: T
        let statistic: S
        let rows: Int
        let width: Int
        /// One allocation: the window storage (every row written twice, at slot `i` and
        /// `i + rows`, so the window is always the contiguous run of `rows` rows starting at
        /// `head` and never copied), then the transform's `width` output slots, then the
        /// statistic's scratch.
        var state: [Double]
        var head = 0
        var filled = 0
        var nanRows = 0

        init(_ transform: T, rows: Int, _ statistic: S) {
            self.transform = transform
            self.statistic = statistic
            self.rows = rows
            self.width = transform.width
            state = [Double](repeating: 0, count: (2 * rows + 1) * transform.width + statistic.scratchCount)
        }

        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double {
            let width = width, rows = rows, head = head
            let derivedAt = 2 * rows * width, scratchAt = derivedAt + width
            let statistic = statistic
            return state.withUnsafeMutableBufferPointer { state -> Double in
                guard transform.next(row, UnsafeMutableBufferPointer(rebasing: state[derivedAt..<scratchAt])) else { return .nan }
                var incomingNaN = false
                for j in 0..<width where state[derivedAt + j].isNaN { incomingNaN = true }
                if filled == rows {
                    var outgoingNaN = false
                    for j in 0..<width where state[head * width + j].isNaN { outgoingNaN = true }
                    if outgoingNaN { nanRows -= 1 }
                }
                for j in 0..<width {
                    let x = state[derivedAt + j]
                    state[head * width + j] = x
                    state[(head + rows) * width + j] = x
                }
                if incomingNaN { nanRows += 1 }
                let next = head + 1 == rows ? 0 : head + 1
                self.head = next
                if filled < rows { filled += 1 }
                guard filled == rows, nanRows == 0 else { return .nan }
                let start = next * width
                return statistic.evaluate(
                    UnsafeBufferPointer(rebasing: state[start..<(start + rows * width)]), rows: rows,
                    UnsafeMutableBufferPointer(rebasing: state[scratchAt...]))
            }
        }
    }
}

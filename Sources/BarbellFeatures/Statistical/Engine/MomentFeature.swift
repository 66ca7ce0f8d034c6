extension RollingStat {
    /// A statistic computed from the window sums of the transform's values (power sums of
    /// returns, range terms): O(1) per bar.
    protocol MomentStatistic {
        /// `sums[j]` is the sum over the window of the transform's value `j`; `rows` values each.
        func value(_ sums: UnsafeBufferPointer<Double>, rows: Int) -> Double
    }

    /// Running window sums of each transformed value: the row leaving the window is subtracted,
    /// then the new row added. A row holding a NaN is never added; the output is NaN while one
    /// is inside the window and the sums recover exactly once it has left.
    ///
    /// Each time the ring wraps around (every `rows` bars) the sums are recomputed from the rows
    /// held, so rounding left behind by add-and-subtract never accumulates over a long series
    /// (a million-bar stream stays as accurate as its first window); amortised O(1).
    struct MomentFeature<T: Transform, S: MomentStatistic>: Engine {
        var transform: T
        let statistic: S
        let rows: Int
        let width: Int
        /// One allocation: the ring of `rows` rows, then the `width` sums, then the transform's
        /// `width` output slots, so a bar touches a single buffer.
        var state: [Double]
        var head = 0
        var filled = 0
        var nanRows = 0

        init(_ transform: T, rows: Int, _ statistic: S) {
            self.transform = transform
            self.statistic = statistic
            self.rows = rows
            self.width = transform.width
            state = [Double](repeating: 0, count: (rows + 2) * transform.width)
        }

        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double {
            let width = width, rows = rows, base = head * width
            let sumsAt = rows * width, derivedAt = (rows + 1) * width
            let statistic = statistic
            return state.withUnsafeMutableBufferPointer { state -> Double in
                guard transform.next(row, UnsafeMutableBufferPointer(rebasing: state[derivedAt..<(derivedAt + width)])) else { return .nan }
                var incomingNaN = false
                for j in 0..<width where state[derivedAt + j].isNaN { incomingNaN = true }
                if filled == rows {
                    var outgoingNaN = false
                    for j in 0..<width where state[base + j].isNaN { outgoingNaN = true }
                    if outgoingNaN {
                        nanRows -= 1
                    } else {
                        for j in 0..<width { state[sumsAt + j] -= state[base + j] }
                    }
                }
                if incomingNaN {
                    nanRows += 1
                } else {
                    for j in 0..<width { state[sumsAt + j] += state[derivedAt + j] }
                }
                for j in 0..<width { state[base + j] = state[derivedAt + j] }
                head = head + 1 == rows ? 0 : head + 1
                if filled < rows { filled += 1 }
                if head == 0 { Self.recomputeSums(state, rows: rows, width: width) }
                guard filled == rows, nanRows == 0 else { return .nan }
                return statistic.value(UnsafeBufferPointer(rebasing: state[sumsAt..<(sumsAt + width)]), rows: rows)
            }
        }

        /// Sums of the rows in the ring (oldest first once it has wrapped, which is when this
        /// runs), NaN rows left out.
        private static func recomputeSums(_ state: UnsafeMutableBufferPointer<Double>, rows: Int, width: Int) {
            let sumsAt = rows * width
            for j in 0..<width { state[sumsAt + j] = 0 }
            for i in 0..<rows {
                let slot = i * width
                var isNaN = false
                for j in 0..<width where state[slot + j].isNaN { isNaN = true }
                if isNaN { continue }
                for j in 0..<width { state[sumsAt + j] += state[slot + j] }
            }
        }
    }

    /// Feeds one engine's output, as a one-value bar, into a second engine (the rolling
    /// volatility into a window of volatilities, for example).
    struct Chain<First: Engine, Second: Engine>: Engine {
        var first: First
        var second: Second

        mutating func push(_ row: UnsafeBufferPointer<Double>) -> Double {
            let value = first.push(row)
            return withUnsafePointer(to: value) { second.push(UnsafeBufferPointer(start: $0, count: 1)) }
        }
    }
}

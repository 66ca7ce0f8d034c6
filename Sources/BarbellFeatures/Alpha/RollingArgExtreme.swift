/// pandas' rolling max (or min) with `min_periods=1`, and Qlib's `IdxMax`/`IdxMin`
/// (`rolling.apply(lambda x: x.argmax() + 1)`), in O(1) amortised per bar.
///
/// The maximum ignores NaN (pandas `roll_max`; NaN when the window has no number). The index is
/// 1-based from the oldest bar of the window and, like NumPy's `argmax` on the raw window, is the
/// first occurrence of the maximum, or the first NaN when the window holds one (NumPy treats NaN
/// as the largest value). A monotonic deque of bar numbers keeps the candidates for the maximum
/// (ties keep the earliest in front); a second queue keeps the NaN bars still in the window.
struct RollingArgExtreme: Sendable {
    let window: Int
    let isMaximum: Bool
    private var candidates = [Int](repeating: 0, count: LagHistory.capacity)
    private var candidateFront = 0, candidateBack = 0
    private var nanBars = [Int](repeating: 0, count: LagHistory.capacity)
    private var nanFront = 0, nanBack = 0
    private var numbers = 0
    private var bar = -1
    /// The window's max (min); NaN with no number in the window.
    private(set) var extreme = Double.nan
    /// `IdxMax` (`IdxMin`): 1-based position in the window; NaN with no number in the window.
    private(set) var position = Double.nan

    init(window: Int, maximum: Bool) {
        self.window = window
        self.isMaximum = maximum
    }

    /// Takes the newest value of `history` (pandas-clean; lag 0) as the next bar.
    @inline(__always)
    mutating func push<H: LagSource>(_ history: H) {
        let mask = LagHistory.capacity - 1
        bar += 1
        let bar = self.bar, maximum = isMaximum
        let oldest = bar - window + 1           // first bar still in the window
        if oldest > 0 && !history.lag(window).isNaN { numbers -= 1 }
        while nanFront != nanBack && nanBars[nanFront & mask] < oldest { nanFront += 1 }

        let x = history.lag(0)
        if x.isNaN {
            nanBars[nanBack & mask] = bar
            nanBack += 1
        } else {
            numbers += 1
        }
        var front = candidateFront, back = candidateBack
        let best = candidates.withUnsafeMutableBufferPointer { buffer -> Int in
            let c = buffer.baseAddress!
            while front != back && c[front & mask] < oldest { front += 1 }
            if !x.isNaN {
                while front != back {
                    let last = history.lag(bar - c[(back - 1) & mask])
                    if maximum ? last < x : last > x { back -= 1 } else { break }
                }
                c[back & mask] = bar
                back += 1
            }
            return front != back ? c[front & mask] : 0
        }
        candidateFront = front
        candidateBack = back
        guard numbers > 0 else {
            extreme = .nan
            position = .nan
            return
        }
        extreme = history.lag(bar - best)
        let first = nanFront != nanBack ? nanBars[nanFront & mask] : best
        position = Double(first - max(oldest, 0) + 1)
    }
}

/// ``RollingArgExtreme`` for several windows of one series at once, with the same results.
///
/// One monotonic deque serves every window: kept for the largest window, it holds the suffix
/// maxima (minima) of its bars, and the extreme of a shorter window `w` is the first of them
/// inside `w`, the earliest in the deque being the earliest occurrence among ties, as for one
/// window. The newest number is always in the deque, so a window has a number exactly when a
/// candidate falls inside it. One queue of NaN bars likewise serves every window's "first NaN"
/// rule. A push costs one deque update plus a short scan per window (the deque of a random walk
/// holds a handful of bars), instead of one deque update per window.
struct RollingArgExtremes: Sendable {
    let windows: [Int]
    let isMaximum: Bool
    private let largest: Int
    private var candidates = [Int](repeating: 0, count: LagHistory.capacity)
    private var candidateFront = 0, candidateBack = 0
    private var nanBars = [Int](repeating: 0, count: LagHistory.capacity)
    private var nanFront = 0, nanBack = 0
    private var bar = -1

    init(windows: [Int], maximum: Bool) {
        precondition(!windows.isEmpty && windows.allSatisfy { $0 >= 1 && $0 < LagHistory.capacity })
        self.windows = windows
        self.isMaximum = maximum
        self.largest = windows.max()!
    }

    /// Takes the newest value of `history` (pandas-clean; lag 0) as the next bar and writes each
    /// window's extreme and 1-based position (NaN and NaN without a number in the window) to
    /// `extremes[j][i]` and `positions[j][i]`.
    @inline(__always)
    mutating func push(_ history: ColumnView, extremes: [UnsafeMutablePointer<Double>],
                       positions: [UnsafeMutablePointer<Double>], at i: Int) {
        let mask = LagHistory.capacity - 1
        bar &+= 1
        let bar = self.bar, maximum = isMaximum
        let oldestKept = bar - largest + 1
        while nanFront != nanBack && nanBars[nanFront & mask] < oldestKept { nanFront &+= 1 }
        let x = history.lag(0)
        if x.isNaN {
            nanBars[nanBack & mask] = bar
            nanBack &+= 1
        }
        var front = candidateFront, back = candidateBack
        candidates.withUnsafeMutableBufferPointer { buffer in
            let c = buffer.baseAddress!
            while front != back && c[front & mask] < oldestKept { front &+= 1 }
            if !x.isNaN {
                while front != back {
                    let last = history.lag(bar - c[(back &- 1) & mask])
                    if maximum ? last < x : last > x { back &-= 1 } else { break }
                }
                c[back & mask] = bar
                back &+= 1
            }
            nanBars.withUnsafeBufferPointer { nans in
                for (j, w) in windows.enumerated() {
                    let oldest = bar - w + 1
                    var k = front
                    while k != back && c[k & mask] < oldest { k &+= 1 }
                    guard k != back else {
                        extremes[j][i] = .nan
                        positions[j][i] = .nan
                        continue
                    }
                    let best = c[k & mask]
                    var n = nanFront
                    while n != nanBack && nans[n & mask] < oldest { n &+= 1 }
                    let first = n != nanBack ? nans[n & mask] : best
                    extremes[j][i] = history.lag(bar - best)
                    positions[j][i] = Double(first - max(oldest, 0) + 1)
                }
            }
        }
        candidateFront = front
        candidateBack = back
    }
}

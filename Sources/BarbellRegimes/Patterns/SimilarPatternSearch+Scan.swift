extension SimilarPatternSearch.Layout {
    /// The pruned pass: every candidate start in order, through LB_Kim, LB_Keogh (query
    /// envelope), LB_Keogh (candidate envelope) and early-abandoning DTW, each against the
    /// current threshold on the squared cost. `accept(start, cost)` receives every candidate
    /// whose full cost is at most the threshold and returns the new threshold.
    func scan(_ accept: (Int, Double) -> Double) {
        let m = search.window, r = search.radius
        var threshold = Double.infinity
        let buffers = UnsafeMutablePointer<Double>.allocate(capacity: 4 * m + 2 * (2 * r + 1))
        defer { buffers.deallocate() }
        let candidate = buffers, fromQuery = buffers + m, fromCandidate = buffers + 2 * m, tail = buffers + 3 * m
        let rowA = buffers + 4 * m, rowB = rowA + (2 * r + 1)
        query.withUnsafeBufferPointer { q in
        upper.withUnsafeBufferPointer { up in
        lower.withUnsafeBufferPointer { lo in
        seriesUpper.withUnsafeBufferPointer { su in
        seriesLower.withUnsafeBufferPointer { sl in
        prices.withUnsafeBufferPointer { x in
            for s in 0..<candidateCount {
                let (mu, inv) = Self.normalisation(s, m, sumHigh, sumLow, squareHigh, squareLow)
                // LB_Kim: any path starts at (0, 0) and ends at (m−1, m−1).
                let first = (x[s] - mu) * inv - q[0], last = (x[s + m - 1] - mu) * inv - q[m - 1]
                if first * first + last * last > threshold { continue }
                // LB_Keogh, query envelope; the normalised candidate is kept for the DTW.
                var bound = 0.0
                var pruned = false
                for i in 0..<m {
                    let c = (x[s + i] - mu) * inv
                    candidate[i] = c
                    let d = c > up[i] ? c - up[i] : (c < lo[i] ? c - lo[i] : 0)
                    fromQuery[i] = d * d
                    bound += d * d
                    if bound > threshold { pruned = true; break }
                }
                if pruned { continue }
                // LB_Keogh, candidate envelope (the series' band envelope, normalised like the window).
                var reverse = 0.0
                for i in 0..<m {
                    let u = (su[s + i] - mu) * inv, l = (sl[s + i] - mu) * inv
                    let d = q[i] > u ? q[i] - u : (q[i] < l ? q[i] - l : 0)
                    fromCandidate[i] = d * d
                    reverse += d * d
                    if reverse > threshold { pruned = true; break }
                }
                if pruned { continue }
                // Remaining-row bound from the tighter of the two, summed from the end.
                var running = 0.0
                for i in stride(from: m - 1, through: 0, by: -1) {
                    running += bound >= reverse ? fromQuery[i] : fromCandidate[i]
                    tail[i] = running
                }
                guard let cost = BandedDTW.cost(q.baseAddress!, candidate, length: m, radius: r, tail: tail,
                                                abandonAbove: threshold, previous: rowA, current: rowB),
                      cost <= threshold else { continue }
                threshold = accept(s, cost)
            }
        }}}}}}
    }

    /// Every candidate's squared DTW cost, with no pruning (the brute force).
    func allCosts() -> [(start: Int, cost: Double)] {
        let m = search.window, r = search.radius
        let candidate = UnsafeMutablePointer<Double>.allocate(capacity: m + 2 * (2 * r + 1))
        defer { candidate.deallocate() }
        let rowA = candidate + m, rowB = rowA + (2 * r + 1)
        return query.withUnsafeBufferPointer { q in
            (0..<candidateCount).map { s in
                let (mu, inv) = Self.normalisation(s, m, sumHigh, sumLow, squareHigh, squareLow)
                for i in 0..<m { candidate[i] = (prices[s + i] - mu) * inv }
                let cost = BandedDTW.cost(q.baseAddress!, candidate, length: m, radius: r, tail: nil,
                                          abandonAbove: .infinity, previous: rowA, current: rowB)!
                return (s, cost)
            }
        }
    }
}

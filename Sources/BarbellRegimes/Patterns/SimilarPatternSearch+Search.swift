import BarbellQuant

extension SimilarPatternSearch {
    /// The `top` past windows of `prices` most similar to the window starting at `queryStart`
    /// (default: the last `window` bars), nearest first.
    ///
    /// Candidates end before the query starts (they never overlap it) and leave `horizon` bars
    /// after them inside the series, so every match has an observed forward return. Fewer than
    /// `top` come back when the series has fewer windows that far apart.
    ///
    /// - Throws: `nonFinite` or `invalidArgument` for a NaN or non-positive price (named by
    ///   index), `insufficientData` when no candidate window fits, `invalidArgument` for a
    ///   `top` below 1 or a query outside the series.
    public func search(_ prices: [Double], top: Int, queryStart: Int? = nil) throws -> [PatternMatch] {
        let layout = try Layout(self, prices, top: top, queryStart: queryStart)
        var kept: [(start: Int, cost: Double)] = []
        var threshold = Double.infinity
        layout.scan { start, cost in
            kept.append((start, cost))
            // A new safe threshold from k candidates pairwise ≥ 2·exclusion apart (see the type's docs).
            let separated = Self.greedy(kept, radius: 2 * exclusion, count: top)
            if separated.count == top, let worst = separated.last?.cost, worst < threshold {
                threshold = worst
                kept.removeAll { $0.cost > threshold }
            }
            return threshold
        }
        return try layout.matches(Self.greedy(kept, radius: exclusion, count: top))
    }

    /// The same answer by brute force: the DTW of every candidate, then the greedy selection.
    /// For tests and benchmarks; ``search(_:top:queryStart:)`` is the one to use.
    public func bruteForceSearch(_ prices: [Double], top: Int, queryStart: Int? = nil) throws -> [PatternMatch] {
        let layout = try Layout(self, prices, top: top, queryStart: queryStart)
        let all = layout.allCosts()
        return try layout.matches(Self.greedy(all, radius: exclusion, count: top))
    }

    /// Closest first (ties to the earlier start), skipping any start within `radius` bars of
    /// one already taken, until `count` are taken.
    static func greedy(_ candidates: [(start: Int, cost: Double)], radius: Int, count: Int) -> [(start: Int, cost: Double)] {
        let ordered = candidates.sorted { ($0.cost, $0.start) < ($1.cost, $1.start) }
        var taken: [(start: Int, cost: Double)] = []
        for c in ordered where !taken.contains(where: { abs($0.start - c.start) < radius }) {
            taken.append(c)
            if taken.count == count { break }
        }
        return taken
    }
}

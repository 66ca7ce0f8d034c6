import BarbellQuant

extension SimilarPatternSearch {
    /// The z-normalised query, its envelope, the series' envelope and window statistics: what
    /// the pruned search and the brute force share, so both see bit-identical normalised windows.
    struct Layout {
        let search: SimilarPatternSearch
        let prices: [Double]
        let query: [Double]
        let upper: [Double], lower: [Double]
        let seriesUpper: [Double], seriesLower: [Double]
        /// Compensated prefix sums (high and low parts) of the prices and their squares.
        let sumHigh: [Double], sumLow: [Double], squareHigh: [Double], squareLow: [Double]
        /// Candidate starts are `0 ..< candidateCount`.
        let candidateCount: Int
        let queryStart: Int

        init(_ search: SimilarPatternSearch, _ prices: [Double], top: Int, queryStart requested: Int?) throws {
            let m = search.window, r = search.radius
            guard top >= 1 else { throw QuantError(.invalidArgument, "top is \(top); ask for at least 1 match") }
            if let i = prices.firstIndex(where: { !$0.isFinite }) {
                throw QuantError(.nonFinite, "price[\(i)] is \(prices[i]); prices must be finite")
            }
            if let i = prices.firstIndex(where: { $0 <= 0 }) {
                throw QuantError(.invalidArgument, "price[\(i)] is \(prices[i]); forward returns need positive prices")
            }
            let needed = 2 * m + search.horizon
            guard prices.count >= needed || requested != nil else {
                throw QuantError(.insufficientData, "\(prices.count) prices; a \(m)-bar pattern search with a \(search.horizon)-bar horizon needs at least \(needed)")
            }
            let q = requested ?? (prices.count - m)
            guard q >= 0, q + m <= prices.count else {
                throw QuantError(.invalidArgument, "query window [\(q), \(q + m)) lies outside the \(prices.count) prices")
            }
            // A candidate s needs s + m ≤ q (no overlap with the query) and s + m − 1 + horizon ≤ n − 1.
            let last = min(q - m, prices.count - m - search.horizon)
            guard last >= 0 else {
                throw QuantError(.insufficientData, "\(prices.count) prices leave no \(m)-bar window before the query with \(search.horizon) bars after it; need at least \(2 * m + search.horizon)")
            }
            self.search = search
            self.prices = prices
            self.queryStart = q
            self.candidateCount = last + 1

            var (sh, sl, qh, ql) = ([0.0], [0.0], [0.0], [0.0])
            sh.reserveCapacity(prices.count + 1); sl.reserveCapacity(prices.count + 1)
            qh.reserveCapacity(prices.count + 1); ql.reserveCapacity(prices.count + 1)
            for x in prices {
                let (a, ea) = Self.twoSum(sh.last!, x)
                sh.append(a); sl.append(sl.last! + ea)
                let (b, eb) = Self.twoSum(qh.last!, x * x)
                qh.append(b); ql.append(ql.last! + eb)
            }
            (sumHigh, sumLow, squareHigh, squareLow) = (sh, sl, qh, ql)

            let (mu, inv) = Self.normalisation(q, m, sh, sl, qh, ql)
            let query = (0..<m).map { (prices[q + $0] - mu) * inv }
            self.query = query
            upper = (0..<m).map { i in query[max(0, i - r)...min(m - 1, i + r)].max()! }
            lower = (0..<m).map { i in query[max(0, i - r)...min(m - 1, i + r)].min()! }
            let n = prices.count
            seriesUpper = (0..<n).map { p in prices[max(0, p - r)...min(n - 1, p + r)].max()! }
            seriesLower = (0..<n).map { p in prices[max(0, p - r)...min(n - 1, p + r)].min()! }
        }

        /// Knuth's TwoSum: `a + b` and its exact rounding error.
        @inline(__always)
        static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
            let s = a + b, bb = s - a
            return (s, (a - (s - bb)) + (b - bb))
        }

        /// Mean and 1/(population standard deviation) of `prices[s ..< s+m]`; 0 for a flat window,
        /// which then normalises to all zeros.
        @inline(__always)
        static func normalisation(_ s: Int, _ m: Int, _ sh: [Double], _ sl: [Double], _ qh: [Double], _ ql: [Double]) -> (Double, Double) {
            let count = Double(m)
            let sum = (sh[s + m] - sh[s]) + (sl[s + m] - sl[s])
            let squares = (qh[s + m] - qh[s]) + (ql[s + m] - ql[s])
            let mean = sum / count
            let variance = max(squares / count - mean * mean, 0)
            let sd = variance.squareRoot()
            return (mean, sd > 1e-12 * max(abs(mean), 1) ? 1 / sd : 0)
        }

        /// Reports matches with their distances and forward returns.
        func matches(_ picked: [(start: Int, cost: Double)]) throws -> [PatternMatch] {
            picked.map { c in
                let end = c.start + search.window - 1
                return PatternMatch(start: c.start, distance: c.cost.squareRoot(),
                                    forwardReturn: prices[end + search.horizon] / prices[end] - 1)
            }
        }
    }
}

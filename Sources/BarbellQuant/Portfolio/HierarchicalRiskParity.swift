/// Hierarchical risk parity (López de Prado, "Building diversified portfolios that outperform
/// out of sample", *J. Portfolio Management* 42(4), 2016) as PyPortfolioOpt's `HRPOpt`:
/// single-linkage clustering of the correlation distance `√((1 − ρ)/2)` (SciPy's `linkage`,
/// whose matrix ``Result/linkage`` reproduces), the leaves in the tree's pre-order, then
/// recursive bisection of that order with inverse-variance cluster weights.
public enum HierarchicalRiskParity {
    public struct Result: Sendable {
        /// Weights in the assets' order; they sum to 1 and are all positive.
        public var weights: [Double]
        /// SciPy's linkage matrix: row `k` merges clusters `[k][0] < [k][1]` at distance `[k][2]`
        /// into cluster `n + k` of `[k][3]` assets (leaves are `0..<n`).
        public var linkage: [[Double]]
        /// The assets in the order the tree lists its leaves (SciPy's `to_tree().pre_order()`).
        public var order: [Int]
    }

    /// HRP from returns (rows are dates, NaN where missing): the pairwise sample covariance and
    /// correlation of pandas' `cov`/`corr`, as `HRPOpt(returns)` computes them.
    public static func optimize(returns: Matrix) throws -> Result {
        guard returns.columns >= 2 else { throw QuantError(.invalidArgument, "HRP needs at least 2 assets, got \(returns.columns)") }
        if returns.values.contains(where: { $0.isNaN }) {
            let moments = try PairwiseMoments(returns)
            return try optimize(covariance: moments.covariance(), correlation: moments.correlation())
        }
        let covariance = try Covariance.sample(returns)
        return try optimize(covariance: covariance, correlation: Covariance.correlation(covariance))
    }

    /// HRP from a covariance and the correlation to cluster on (by default the covariance's own).
    public static func optimize(covariance: Matrix, correlation: Matrix? = nil) throws -> Result {
        let n = covariance.rows
        guard covariance.isSquare, n >= 2 else {
            throw QuantError(.shapeMismatch, "HRP needs a square covariance of at least 2 assets, got \(covariance.rows)×\(covariance.columns)")
        }
        if let k = covariance.values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "covariance entry (\(k / n), \(k % n)) is \(covariance.values[k])")
        }
        if let j = (0..<n).first(where: { !(covariance[$0, $0] > 0) }) {
            throw QuantError(.invalidArgument, "asset \(j) has variance \(covariance[j, j]); HRP's inverse-variance weights need positive variances")
        }
        let rho = try correlation ?? Covariance.correlation(covariance)
        guard rho.rows == n, rho.columns == n else {
            throw QuantError(.shapeMismatch, "the correlation must be \(n)×\(n), got \(rho.rows)×\(rho.columns)")
        }
        let distance = try Covariance.correlationDistance(rho)
        let linkage = singleLinkage(distance)
        let order = preOrder(linkage, n: n)
        return Result(weights: bisect(covariance, order: order), linkage: linkage, order: order)
    }

    /// SciPy's `linkage(d, "single")` (its `mst_single_linkage`) on a square distance matrix:
    /// Prim's minimum spanning tree from asset 0 (ties to the
    /// lowest index), edges stably sorted by distance, then labelled by union-find.
    public static func singleLinkage(_ d: Matrix) -> [[Double]] {
        let n = d.rows
        var nearest = [Double](repeating: .infinity, count: n)
        var merged = [Bool](repeating: false, count: n)
        var edges: [(Int, Int, Double)] = []
        var x = 0
        for _ in 0..<(n - 1) {
            merged[x] = true
            var best = Double.infinity, y = -1
            for i in 0..<n where !merged[i] {
                let dist = d[x, i]
                if nearest[i] > dist { nearest[i] = dist }
                if nearest[i] < best || y < 0 { best = nearest[i]; y = i }
            }
            edges.append((x, y, best))
            x = y
        }
        let sorted = edges.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
        var parent = Array(0..<(2 * n - 1)), size = [Double](repeating: 1, count: 2 * n - 1)
        func find(_ a: Int) -> Int {
            var r = a
            while parent[r] != r { r = parent[r] }
            var c = a
            while parent[c] != r { let next = parent[c]; parent[c] = r; c = next }
            return r
        }
        var out: [[Double]] = []
        for (k, (a, b, dist)) in sorted.enumerated() {
            let ra = find(a), rb = find(b)
            let label = n + k
            parent[ra] = label; parent[rb] = label
            size[label] = size[ra] + size[rb]
            out.append([Double(min(ra, rb)), Double(max(ra, rb)), dist, size[label]])
        }
        return out
    }

    /// The leaves left to right (SciPy's `ClusterNode.pre_order`).
    static func preOrder(_ linkage: [[Double]], n: Int) -> [Int] {
        var out: [Int] = [], stack = [2 * n - 2]
        while let node = stack.popLast() {
            if node < n { out.append(node); continue }
            let row = linkage[node - n]
            stack.append(Int(row[1]))
            stack.append(Int(row[0]))
        }
        return out
    }

    /// PyPortfolioOpt's `_raw_hrp_allocation`: halve every cluster of the ordered assets, split
    /// each pair's weight by inverse cluster variance, until single assets remain.
    static func bisect(_ covariance: Matrix, order: [Int]) -> [Double] {
        var w = [Double](repeating: 1, count: covariance.rows)
        var clusters = [ArraySlice(order)]
        while !clusters.isEmpty {
            clusters = clusters.flatMap { c -> [ArraySlice<Int>] in
                guard c.count > 1 else { return [] }
                let mid = c.startIndex + c.count / 2
                return [c[c.startIndex..<mid], c[mid..<c.endIndex]]
            }
            for p in stride(from: 0, to: clusters.count, by: 2) {
                let v1 = clusterVariance(covariance, clusters[p]), v2 = clusterVariance(covariance, clusters[p + 1])
                let alpha = 1 - v1 / (v1 + v2)
                for i in clusters[p] { w[i] *= alpha }
                for i in clusters[p + 1] { w[i] *= 1 - alpha }
            }
        }
        return w
    }

    /// The variance of the cluster's inverse-variance portfolio.
    static func clusterVariance(_ c: Matrix, _ items: ArraySlice<Int>) -> Double {
        let inverse = items.map { 1 / c[$0, $0] }
        let total = inverse.reduce(0, +)
        let w = inverse.map { $0 / total }
        var v = 0.0
        for (a, i) in items.enumerated() {
            for (b, j) in items.enumerated() { v += w[a] * c[i, j] * w[b] }
        }
        return v
    }
}

import BarbellQuant

/// Agglomerative hierarchical clustering of a distance matrix as SciPy's
/// `scipy.cluster.hierarchy.linkage(squareform(d), method)`: the same linkage matrix (merge
/// order, heights, sizes) and `fcluster(Z, k, "maxclust")` cuts.
public struct HierarchicalLinkage: Sendable, Equatable {
    /// The linkage criterion.
    public enum Method: String, Sendable, CaseIterable, Codable {
        /// Nearest pair (SciPy's MST algorithm, shared with BarbellQuant's HRP).
        case single
        /// UPGMA: the mean pairwise distance.
        case average
        /// Ward's minimum variance (Lance–Williams update on the distances).
        case ward
    }

    /// The number of leaves.
    public let count: Int
    /// SciPy's linkage matrix: row `k` merges clusters `[k][0] < [k][1]` at height `[k][2]` into
    /// cluster `count + k` of `[k][3]` leaves (leaves are `0..<count`).
    public let matrix: [[Double]]

    /// Clusters a symmetric distance matrix (finite, non-negative, zero diagonal ignored).
    public init(distance d: Matrix, method: Method) throws {
        let n = d.rows
        guard d.isSquare, n >= 2 else {
            throw RegimeError(.shapeMismatch, "linkage needs a square distance matrix of at least 2 points, got \(d.rows)×\(d.columns)")
        }
        if let k = d.values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw RegimeError(d.values[k].isFinite ? .invalidArgument : .nonFinite,
                              "distance entry (\(k / n), \(k % n)) is \(d.values[k]); expected a finite value ≥ 0")
        }
        count = n
        switch method {
        case .single: matrix = HierarchicalRiskParity.singleLinkage(d)
        case .average, .ward: matrix = Self.nearestNeighbourChain(d, method: method)
        }
    }

    /// SciPy's `nn_chain` (Müllner 2011): follow nearest neighbours until a reciprocal pair,
    /// merge it with the Lance–Williams update, then stably sort the merges by height and
    /// relabel them by union-find — in exactly SciPy's arithmetic so heights agree to round-off.
    static func nearestNeighbourChain(_ d0: Matrix, method: Method) -> [[Double]] {
        let n = d0.rows
        var d = d0.values
        var size = [Int](repeating: 1, count: n)
        var chain: [Int] = []
        var merges: [(Int, Int, Double)] = []
        for _ in 0..<(n - 1) {
            if chain.isEmpty { chain.append(size.firstIndex { $0 > 0 }!) }
            var x = 0, y = 0, best = 0.0
            while true {
                x = chain[chain.count - 1]
                // Prefer the previous chain element on ties, so the chain cannot cycle.
                if chain.count > 1 { y = chain[chain.count - 2]; best = d[x * n + y] } else { best = .infinity }
                for i in 0..<n where size[i] > 0 && i != x && d[x * n + i] < best { best = d[x * n + i]; y = i }
                if chain.count > 1 && y == chain[chain.count - 2] { break }
                chain.append(y)
            }
            chain.removeLast(2)
            if x > y { swap(&x, &y) }
            let nx = size[x], ny = size[y]
            merges.append((x, y, best))
            size[x] = 0
            size[y] = nx + ny
            for i in 0..<n where size[i] > 0 && i != y {
                let dxi = d[i * n + x], dyi = d[i * n + y], ni = size[i]
                let value: Double
                switch method {
                case .ward:
                    let t = 1.0 / Double(nx + ny + ni)
                    value = (Double(ni + nx) * t * dxi * dxi + Double(ni + ny) * t * dyi * dyi - Double(ni) * t * best * best).squareRoot()
                default:
                    value = (Double(nx) * dxi + Double(ny) * dyi) / Double(nx + ny)
                }
                d[i * n + y] = value; d[y * n + i] = value
            }
        }
        let sorted = merges.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
        var parent = Array(0..<(2 * n - 1)), sizes = [Double](repeating: 1, count: 2 * n - 1)
        func find(_ a: Int) -> Int { var r = a; while parent[r] != r { r = parent[r] }; return r }
        var out: [[Double]] = []
        for (k, (a, b, h)) in sorted.enumerated() {
            let ra = find(a), rb = find(b), label = n + k
            parent[ra] = label; parent[rb] = label
            sizes[label] = sizes[ra] + sizes[rb]
            out.append([Double(min(ra, rb)), Double(max(ra, rb)), h, sizes[label]])
        }
        return out
    }

    /// Flat clusters as SciPy's `fcluster(Z, k, criterion="maxclust")`: the smallest height
    /// threshold leaving at most `k` clusters (fewer when merges tie in height), labelled 1, 2, …
    /// in SciPy's traversal order. Returns one label per leaf.
    public func clusters(_ k: Int) throws -> [Int] {
        let n = count
        guard (1...n).contains(k) else {
            throw RegimeError(.invalidArgument, "the number of clusters k must be in [1, \(n)], got \(k)")
        }
        // SciPy gives k = n the leaves' own order, whatever zero-height merges say.
        if k == n { return Array(1...n) }
        // Each merge's maximum height over its subtree (SciPy's `get_max_dist_for_each_cluster`).
        var maxHeight = [Double](repeating: 0, count: n - 1)
        for (i, row) in matrix.enumerated() {
            var m = row[2]
            for c in [Int(row[0]), Int(row[1])] where c >= n { m = max(m, maxHeight[c - n]) }
            maxHeight[i] = m
        }
        // Smallest threshold t (0 or a merge's max height) with n − #{merges ≤ t} ≤ k clusters.
        let candidates = [0.0] + maxHeight.sorted()
        let threshold = candidates.first { t in n - maxHeight.filter { $0 <= t }.count <= k } ?? candidates.last!
        var labels = [Int](repeating: 0, count: n), next = 0
        func assign(_ node: Int, _ label: Int) {
            if node < n { labels[node] = label; return }
            assign(Int(matrix[node - n][0]), label); assign(Int(matrix[node - n][1]), label)
        }
        // SciPy's `cluster_monocrit` order: below a split, first the internal children (left,
        // then right), and only then the leaf children, left before right.
        func visit(_ node: Int) {
            if node >= n && maxHeight[node - n] <= threshold { next += 1; assign(node, next); return }
            let children = node < n ? [] : [Int(matrix[node - n][0]), Int(matrix[node - n][1])]
            for c in children where c >= n { visit(c) }
            for c in children where c < n { next += 1; labels[c] = next }
        }
        if n == 1 || maxHeight[n - 2] <= threshold { return [Int](repeating: 1, count: n) }
        visit(2 * n - 2)
        return labels
    }
}

extension CorrelationNetwork {
    /// Hierarchical clustering of the assets on the correlation distance.
    public func linkage(_ method: HierarchicalLinkage.Method) throws -> HierarchicalLinkage {
        try HierarchicalLinkage(distance: distance, method: method)
    }
}

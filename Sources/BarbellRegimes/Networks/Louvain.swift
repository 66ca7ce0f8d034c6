import BarbellData
import BarbellQuant

/// Louvain modularity maximisation (Blondel et al. 2008) on a dense, symmetric, non-negative
/// weight matrix, in networkx's formulation (`community.louvain_communities`, resolution 1):
/// local moves of nodes in a seeded random order to the neighbouring community with the largest
/// positive modularity gain until none moves, then aggregation of communities into nodes; stop
/// when a level improves modularity by no more than `threshold`. Same seed, same partition.
public enum Louvain {
    /// Newman's weighted modularity `Q = Σ_c [L_c/m − (k_c/2m)²]` of a partition
    /// (networkx's `community.modularity`); `communities` are lists of node indices covering
    /// every node once. The diagonal of `weights` is ignored (the networks have no self-loops).
    public static func modularity(weights: Matrix, communities: [[Int]]) throws -> Double {
        let n = try check(weights)
        let covered = communities.flatMap { $0 }
        guard covered.count == n, Set(covered) == Set(0..<n) else {
            throw RegimeError(.invalidArgument, "communities must cover the \(n) nodes exactly once, got \(covered.count) entries")
        }
        let strength = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + ($1 == i ? 0 : weights[i, $1]) } }
        let total = strength.reduce(0, +)
        guard total > 0 else { throw RegimeError(.invalidArgument, "the graph has no positive edge weight; modularity is undefined") }
        let m = total / 2
        var q = 0.0
        for c in communities {
            var inner = 0.0, degree = 0.0
            for (p, i) in c.enumerated() {
                degree += strength[i]
                for j in c[(p + 1)...] { inner += weights[i, j] }
            }
            q += inner / m - degree * degree / (total * total)
        }
        return q
    }

    /// The partition found with node order shuffled by `SplitMix64(seed)`; communities are
    /// sorted lists of node indices, ordered by their smallest member.
    public static func communities(weights: Matrix, seed: UInt64, threshold: Double = 1e-7) throws -> [[Int]] {
        let n = try check(weights)
        guard threshold >= 0, threshold.isFinite else {
            throw RegimeError(.invalidArgument, "threshold must be finite and ≥ 0, got \(threshold)")
        }
        var rng = SplitMix64(seed: seed)
        // The current level: `w` between super-nodes (self-loops on the diagonal carry the
        // weight inside each), and the original nodes each super-node stands for.
        var w = weights
        for i in 0..<n { w[i, i] = 0 }
        var members = (0..<n).map { [$0] }
        let m = (0..<n).reduce(0.0) { s, i in s + (0..<i).reduce(0.0) { $0 + w[i, $1] } }
        guard m > 0 else { return members }
        var best = try modularity(weights: weights, communities: members)
        while true {
            guard let assignment = oneLevel(w, m: m, rng: &rng) else { break }
            let groups = Dictionary(grouping: 0..<w.rows) { assignment[$0] }.values.sorted { $0.min()! < $1.min()! }
            let next = groups.map { g in g.flatMap { members[$0] }.sorted() }
            let q = try modularity(weights: weights, communities: next)
            members = next
            if q - best <= threshold { break }
            best = q
            w = aggregate(w, groups: groups)
        }
        return members.sorted { $0[0] < $1[0] }
    }

    /// One level of local moves; nil when no node moved.
    static func oneLevel(_ w: Matrix, m: Double, rng: inout SplitMix64) -> [Int]? {
        let n = w.rows
        // networkx counts a self-loop twice in a node's degree.
        let degree = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + ($1 == i ? 2 * w[i, i] : w[i, $1]) } }
        var community = Array(0..<n)
        var total = degree
        var order = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        var improved = false, moved = true
        while moved {
            moved = false
            for u in order {
                // Weight from u to each neighbouring community, in first-seen order for determinism.
                var linkTo: [Int: Double] = [:], seen: [Int] = []
                for v in 0..<n where v != u && w[u, v] > 0 {
                    let c = community[v]
                    if linkTo[c] == nil { seen.append(c) }
                    linkTo[c, default: 0] += w[u, v]
                }
                let own = community[u], k = degree[u]
                total[own] -= k
                let removeCost = -(linkTo[own] ?? 0) / m + total[own] * k / (2 * m * m)
                var bestGain = 0.0, bestCommunity = own
                for c in seen {
                    let gain = removeCost + linkTo[c]! / m - total[c] * k / (2 * m * m)
                    if gain > bestGain { bestGain = gain; bestCommunity = c }
                }
                total[bestCommunity] += k
                if bestCommunity != own { community[u] = bestCommunity; moved = true; improved = true }
            }
        }
        return improved ? community : nil
    }

    /// The graph of communities: off-diagonal the weight between them, on the diagonal the weight inside.
    static func aggregate(_ w: Matrix, groups: [[Int]]) -> Matrix {
        let g = groups.count
        var out = Matrix.identity(g)
        for a in 0..<g {
            for b in a..<g {
                var s = 0.0
                if a == b {
                    for (p, i) in groups[a].enumerated() { s += w[i, i]; for j in groups[a][(p + 1)...] { s += w[i, j] } }
                } else {
                    for i in groups[a] { for j in groups[b] { s += w[i, j] } }
                }
                out[a, b] = s; out[b, a] = s
            }
        }
        return out
    }

    static func check(_ w: Matrix) throws -> Int {
        let n = w.rows
        guard w.isSquare, n >= 1 else { throw RegimeError(.shapeMismatch, "weights must be square, got \(w.rows)×\(w.columns)") }
        if let k = w.values.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw RegimeError(w.values[k].isFinite ? .invalidArgument : .nonFinite,
                              "weight (\(k / n), \(k % n)) is \(w.values[k]); expected a finite value ≥ 0")
        }
        for i in 0..<n { for j in 0..<i where w[i, j] != w[j, i] {
            throw RegimeError(.invalidArgument, "weights are not symmetric at (\(i), \(j))")
        } }
        return n
    }
}

extension CorrelationNetwork {
    /// Louvain communities of the similarity graph `max(ρ, 0)`, as lists of asset indices.
    public func communities(seed: UInt64 = 0) throws -> [[Int]] {
        try Louvain.communities(weights: similarityMatrix, seed: seed)
    }
}

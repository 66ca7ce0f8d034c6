import BarbellQuant

/// Centrality of each asset in a correlation network (networkx's definitions).
public struct NetworkCentrality: Sendable, Equatable, Codable {
    /// Weighted degree on the similarity graph: `Σⱼ max(ρᵢⱼ, 0)` (networkx `G.degree(weight=…)`).
    public let strength: [Double]
    /// Closeness on the minimum spanning tree with distances as lengths:
    /// `(n − 1) / Σⱼ dist(i, j)` (networkx `closeness_centrality(T, distance="weight")`).
    public let closeness: [Double]
    /// Normalised betweenness on the minimum spanning tree: the share of pairs of other assets
    /// whose tree path runs through the asset (networkx `betweenness_centrality(T, weight="weight")`).
    public let betweenness: [Double]
    /// Eigenvector centrality of the similarity graph: the Perron eigenvector, unit Euclidean
    /// norm, non-negative (networkx `eigenvector_centrality_numpy(G, weight="weight")`).
    public let eigenvector: [Double]
}

extension CorrelationNetwork {
    /// Strength, tree closeness and betweenness (on ``minimumSpanningTree()``), and eigenvector centrality.
    public func centrality() throws -> NetworkCentrality {
        let n = count
        let w = similarityMatrix
        let strength = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + w[i, $1] } }
        var adjacent = [[(Int, Double)]](repeating: [], count: n)
        for e in minimumSpanningTree() { adjacent[e.a].append((e.b, e.weight)); adjacent[e.b].append((e.a, e.weight)) }
        // On a tree each pair has one path: depth-first distances from every root give closeness,
        // and removing a node splits the other n − 1 into branches of sizes cᵢ, so the pairs it
        // separates are ((n − 1)² − Σcᵢ²)/2, normalised by the (n − 1)(n − 2)/2 pairs without it.
        var closeness = [Double](repeating: 0, count: n), betweenness = [Double](repeating: 0, count: n)
        for root in 0..<n {
            var total = 0.0, stack = [(root, -1, 0.0)]
            while let (u, from, dist) = stack.popLast() {
                total += dist
                for (v, len) in adjacent[u] where v != from { stack.append((v, u, dist + len)) }
            }
            closeness[root] = total > 0 ? Double(n - 1) / total : 0
            if n > 2 {
                var squares = 0
                for (v, _) in adjacent[root] {
                    var size = 0, s = [(v, root)]
                    while let (u, from) = s.popLast() { size += 1; for (x, _) in adjacent[u] where x != from { s.append((x, u)) } }
                    squares += size * size
                }
                betweenness[root] = Double((n - 1) * (n - 1) - squares) / Double((n - 1) * (n - 2))
            }
        }
        let (values, vectors) = try w.symmetricEigen()
        guard values[n - 1] > 0 else {
            throw RegimeError(.invalidArgument, "the similarity graph max(ρ, 0) has no edges; eigenvector centrality is undefined")
        }
        var eigen = vectors.column(n - 1)
        let norm = eigen.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let sign: Double = eigen.reduce(0, +) < 0 ? -1 : 1
        eigen = eigen.map { sign * $0 / norm }
        return NetworkCentrality(strength: strength, closeness: closeness, betweenness: betweenness, eigenvector: eigen)
    }
}

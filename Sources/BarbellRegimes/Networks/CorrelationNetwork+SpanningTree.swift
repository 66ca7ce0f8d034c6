import BarbellQuant
import SwiftGraph

extension CorrelationNetwork {
    /// The minimum spanning tree of the complete distance graph (Mantegna's hierarchical tree):
    /// SwiftGraph's `WeightedGraph.mst()` (Prim/Jarník from asset 0). Edges come back sorted by
    /// (weight, a, b). With distinct distances the tree is unique; with ties any minimum tree
    /// may be returned (the total weight is still the minimum), as with SciPy and networkx.
    public func minimumSpanningTree() -> [NetworkEdge] {
        let graph = WeightedGraph<Int, Double>(vertices: Array(0..<count))
        for i in 0..<count { for j in (i + 1)..<count { graph.addEdge(fromIndex: i, toIndex: j, weight: distance[i, j]) } }
        // A complete graph on ≥ 2 vertices always has a spanning tree from vertex 0.
        let edges = graph.mst(start: 0) ?? []
        return edges.map { NetworkEdge(a: $0.u, b: $0.v, weight: $0.weight) }
            .sorted { ($0.weight, $0.a, $0.b) < ($1.weight, $1.a, $1.b) }
    }
}

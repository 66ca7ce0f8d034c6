import BarbellQuant
import Foundation

/// A correlation network summarised for export: assets, minimum-spanning-tree edges with their
/// distances and correlations, Louvain communities, centralities and flat clusters.
public struct NetworkReport: Sendable, Codable, Equatable {
    /// One asset with its community (0-based), flat cluster (1-based) and centralities.
    public struct Node: Sendable, Codable, Equatable {
        public let id: String
        public let community: Int
        public let cluster: Int
        public let strength: Double
        public let closeness: Double
        public let betweenness: Double
        public let eigenvector: Double
    }
    /// One tree edge: its distance `d` and correlation `ρ`.
    public struct Edge: Sendable, Codable, Equatable {
        public let source: String
        public let target: String
        public let distance: Double
        public let correlation: Double
    }
    public let nodes: [Node]
    public let edges: [Edge]
    /// Louvain communities as lists of asset names.
    public let communities: [[String]]
    /// The linkage method behind ``Node/cluster``.
    public let linkage: HierarchicalLinkage.Method
    /// The modularity of ``communities`` on the similarity graph.
    public let modularity: Double
}

extension CorrelationNetwork {
    /// Everything at once: the tree, Louvain communities (`seed`), centralities and `clusters`
    /// flat clusters of the `method` linkage.
    public func report(seed: UInt64 = 0, method: HierarchicalLinkage.Method = .average, clusters k: Int) throws -> NetworkReport {
        let tree = minimumSpanningTree()
        let groups = try communities(seed: seed)
        let central = try centrality()
        let flat = try linkage(method).clusters(k)
        var community = [Int](repeating: 0, count: count)
        for (c, g) in groups.enumerated() { for i in g { community[i] = c } }
        let nodes = (0..<count).map { i in
            NetworkReport.Node(id: names[i], community: community[i], cluster: flat[i], strength: central.strength[i],
                               closeness: central.closeness[i], betweenness: central.betweenness[i], eigenvector: central.eigenvector[i])
        }
        let edges = tree.map { NetworkReport.Edge(source: names[$0.a], target: names[$0.b], distance: $0.weight, correlation: correlation[$0.a, $0.b]) }
        return NetworkReport(nodes: nodes, edges: edges, communities: groups.map { $0.map { names[$0] } },
                             linkage: method, modularity: try Louvain.modularity(weights: similarityMatrix, communities: groups))
    }
}

extension NetworkReport {
    /// Pretty JSON with sorted keys (stable across runs).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// GraphML (undirected) of the tree: node attributes community, cluster and the
    /// centralities; edge attributes distance and correlation. Numbers are Swift's shortest
    /// round-trip decimals, so a reader recovers every Double exactly.
    public func graphML() -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let nodeKeys: [(String, String)] = [("community", "int"), ("cluster", "int"), ("strength", "double"),
                                            ("closeness", "double"), ("betweenness", "double"), ("eigenvector", "double")]
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        for (k, type) in nodeKeys { out += "  <key id=\"\(k)\" for=\"node\" attr.name=\"\(k)\" attr.type=\"\(type)\"/>\n" }
        for k in ["distance", "correlation"] { out += "  <key id=\"\(k)\" for=\"edge\" attr.name=\"\(k)\" attr.type=\"double\"/>\n" }
        out += "  <graph id=\"G\" edgedefault=\"undirected\">\n"
        for node in nodes {
            out += "    <node id=\"\(escape(node.id))\">\n"
            let values: [String] = ["\(node.community)", "\(node.cluster)", "\(node.strength)", "\(node.closeness)",
                                    "\(node.betweenness)", "\(node.eigenvector)"]
            for ((k, _), v) in zip(nodeKeys, values) { out += "      <data key=\"\(k)\">\(v)</data>\n" }
            out += "    </node>\n"
        }
        for edge in edges {
            out += "    <edge source=\"\(escape(edge.source))\" target=\"\(escape(edge.target))\">\n"
            out += "      <data key=\"distance\">\(edge.distance)</data>\n"
            out += "      <data key=\"correlation\">\(edge.correlation)</data>\n"
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }
}

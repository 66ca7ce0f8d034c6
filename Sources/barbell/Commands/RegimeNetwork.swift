import ArgumentParser
import BarbellData
import BarbellQuant
import BarbellRegimes
import Foundation

/// `barbell regime network PRICES`: the correlation network of a universe.
struct RegimeNetwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Correlation network of a universe: spanning tree, clusters, Louvain communities, centralities.",
        discussion: "Correlations are pairwise-complete over daily returns (a ticker listed later uses the days it has); distances are √((1−ρ)/2)."
    )

    @Argument(help: "Prices of several tickers (wide CSV or any multi-ticker file).")
    var file: String

    @Option(help: "Hierarchical clustering: single, average, ward.")
    var linkage = "average"

    @Option(help: "Number of flat clusters cut from the tree.")
    var clusters = 4

    @Option(help: "Seed of the Louvain node order.")
    var seed: UInt64 = 0

    @Option(help: "Write the spanning tree as GraphML to this file.")
    var graphml: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    func run() throws {
        guard let method = HierarchicalLinkage.Method(rawValue: linkage) else {
            throw ValidationError("--linkage: expected single, average or ward, got '\(linkage)'")
        }
        let panel = try input.loadPanel(file)
        // NaN where a ticker lacks either price (later listings, gaps); correlations are pairwise.
        let returns = try ExpectedReturns.returns(fromPrices: Matrix(panel.prices))
        let network = try CorrelationNetwork(returns: returns, names: panel.tickers)
        let report = try network.report(seed: seed, method: method, clusters: clusters)
        if let graphml {
            do { try report.graphML().write(toFile: graphml, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure(message: "cannot write \(graphml): \(error.localizedDescription)")
            }
        }
        if json { return print(try report.json()) }
        print("\(panel.tickers.count) assets, \(returns.rows) days; Louvain modularity \(String(format: "%.3f", report.modularity))")
        print("communities: " + report.communities.map { "{" + $0.joined(separator: ", ") + "}" }.joined(separator: " "))
        var table = TextTable(["ticker", "community", "cluster", "strength", "betweenness", "eigenvector"], rightAligned: [1, 2, 3, 4, 5])
        for n in report.nodes.sorted(by: { $0.eigenvector > $1.eigenvector }) {
            table.add([n.id, String(n.community), String(n.cluster), String(format: "%.3f", n.strength),
                       String(format: "%.3f", n.betweenness), String(format: "%.3f", n.eigenvector)])
        }
        print(table.render())
        print("spanning tree: " + report.edges.map { "\($0.source)–\($0.target) (ρ \(String(format: "%.2f", $0.correlation)))" }.joined(separator: ", "))
    }
}

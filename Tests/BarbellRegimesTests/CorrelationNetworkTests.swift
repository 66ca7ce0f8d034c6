import BarbellData
import BarbellQuant
import Foundation
import Testing
@testable import BarbellRegimes

extension RegimeFixture {
    static let networks = load("networks.json")
}

@Suite("Correlation networks: distance, MST, linkage, Louvain, centrality, export")
struct CorrelationNetworkTests {
    static let names = ["AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO",
                        "LLY", "MRK", "MSFT", "PEP", "PFE", "PG", "RRC", "UNH", "WMT", "XOM"]

    /// Simple daily returns of the 20 bundled stocks dated 2018–2022 (the fixture's pct_change).
    static let returns: Matrix = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/skfolio_sp500_dataset.csv.gz")
        let loaded = try! MarketFile.loadBars(url.path)
        let series = Dictionary(uniqueKeysWithValues: loaded.map { ($0.series.symbol.name, $0.series) })
        let first = Timestamp(year: 2018, month: 1, day: 1), last = Timestamp(year: 2023, month: 1, day: 1)
        let stamps = series["AAPL"]!.timestamps
        let rows = (1..<stamps.count).filter { stamps[$0] >= first && stamps[$0] < last }
        var values: [Double] = []
        for t in rows { for name in names { let c = series[name]!.close; values.append(c[t] / c[t - 1] - 1) } }
        return try! Matrix(rows: rows.count, columns: names.count, values: values)
    }()

    static let network = try! CorrelationNetwork(returns: returns, names: names)

    static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count && !a.isEmpty)
        return zip(a, b).map { abs($0 - $1) }.max()!
    }

    @Test("correlation and distance match pandas' corr and √((1 − ρ)/2)")
    func distances() throws {
        let f = RegimeFixture.networks
        // Pearson over 1,258 days in a different summation order: round-off, 1e-13.
        #expect(Self.maxDifference(Self.network.correlation.values, f.matrix("sp500", "correlation").flatMap { $0 }) < 1e-13)
        #expect(Self.maxDifference(Self.network.distance.values, f.matrix("sp500", "distance").flatMap { $0 }) < 1e-13)
    }

    @Test("gaps use pairwise-complete windows, as pandas' corr")
    func gapped() throws {
        var r = Self.returns
        let amd = 1, xom = 19
        let cutoff = Self.rowsBefore(Timestamp(year: 2019, month: 7, day: 1))
        for t in 0..<cutoff { r[t, amd] = .nan }
        for t in 0..<100 { r[t, xom] = .nan }
        let net = try CorrelationNetwork(returns: r, names: Self.names)
        #expect(Self.maxDifference(net.correlation.values, RegimeFixture.networks.matrix("sp500_gapped", "correlation").flatMap { $0 }) < 1e-13)
    }

    static func rowsBefore(_ date: Timestamp) -> Int {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/skfolio_sp500_dataset.csv.gz")
        let stamps = try! MarketFile.loadBars(url.path)[0].series.timestamps
        return stamps.filter { $0 >= Timestamp(year: 2018, month: 1, day: 1) && $0 < date }.count
    }

    @Test("the minimum spanning tree has SciPy's edge set and total weight")
    func spanningTree() throws {
        let f = RegimeFixture.networks
        let tree = Self.network.minimumSpanningTree()
        let expected = f.matrix("sp500", "mst")
        #expect(tree.count == 19)
        // The same edges (distinct distances: the tree is unique), weights to round-off.
        #expect(tree.map { [$0.a, $0.b] } == expected.map { [Int($0[0]), Int($0[1])] })
        #expect(Self.maxDifference(tree.map(\.weight), expected.map { $0[2] }) < 1e-13)
        #expect(abs(tree.reduce(0) { $0 + $1.weight } - f.number("sp500", "mst_total")) < 1e-12)
    }

    @Test("linkage matrices and maxclust cuts match SciPy", arguments: ["sp500", "random40"], HierarchicalLinkage.Method.allCases)
    func linkage(data: String, method: HierarchicalLinkage.Method) throws {
        let f = RegimeFixture.networks
        let d = data == "sp500" ? Self.network.distance : try Matrix(f.matrix(data, "distance"))
        let z = try HierarchicalLinkage(distance: d, method: method)
        let expected = f.matrix(data, "linkage_\(method.rawValue)")
        #expect(z.matrix.count == expected.count)
        for (row, want) in zip(z.matrix, expected) {
            // Merge order and sizes exactly; heights from the same Lance–Williams arithmetic, 1e-12.
            #expect(row[0] == want[0] && row[1] == want[1] && row[3] == want[3])
            #expect(abs(row[2] - want[2]) < 1e-12)
        }
        for (k, want) in f.matrix(data, "fcluster_\(method.rawValue)").enumerated() {
            #expect(try z.clusters(k + 1).map(Double.init) == want, "k = \(k + 1)")
        }
    }

    @Test("single linkage is HRP's (SciPy's MST algorithm)")
    func singleIsHRP() throws {
        let hrp = try HierarchicalRiskParity.optimize(covariance: Covariance.sample(Self.returns), correlation: Self.network.correlation)
        #expect(try Self.network.linkage(.single).matrix == hrp.linkage)
    }

    @Test("our modularity equals networkx's for networkx's partitions")
    func modularity() throws {
        let f = RegimeFixture.networks
        let labels = f.matrix("sp500", "louvain_labels"), values = f.vector("sp500", "louvain_modularity")
        for (label, want) in zip(labels, values) {
            let groups = Dictionary(grouping: 0..<label.count) { label[$0] }.values.map { $0 }
            let q = try Louvain.modularity(weights: Self.network.similarityMatrix, communities: groups)
            #expect(abs(q - want) < 1e-12)
        }
    }

    @Test("Louvain reaches networkx's best modularity over 20 seeds and is deterministic")
    func louvain() throws {
        let best = RegimeFixture.networks.number("sp500", "louvain_best")
        var found = -Double.infinity
        for seed in UInt64(0)..<10 {
            let c = try Self.network.communities(seed: seed)
            #expect(try Self.network.communities(seed: seed) == c)
            #expect(Set(c.flatMap { $0 }) == Set(0..<20) && c.flatMap { $0 }.count == 20)
            let q = try Louvain.modularity(weights: Self.network.similarityMatrix, communities: c)
            found = max(found, q)
            // A local optimum: each seed within 0.01 of networkx's best (its own seeds spread 0.0055).
            #expect(q >= best - 0.01)
        }
        // The best of our seeds is as good as networkx's best, to round-off.
        #expect(found >= best - 1e-12)
    }

    @Test("planted block correlation structure is recovered exactly")
    func planted() throws {
        let sizes = [4, 5, 6], days = 750
        let blockOf = sizes.enumerated().flatMap { b, s in Array(repeating: b, count: s) }
        var rng = SplitMix64(seed: 7)
        var values: [Double] = []
        for _ in 0..<days {
            let market = StandardNormal.sample(using: &rng)
            let factors = sizes.map { _ in StandardNormal.sample(using: &rng) }
            for b in blockOf { values.append(0.3 * market + factors[b] + 0.8 * StandardNormal.sample(using: &rng)) }
        }
        let net = try CorrelationNetwork(returns: Matrix(rows: days, columns: blockOf.count, values: values))
        let truth = [Array(0..<4), Array(4..<9), Array(9..<15)]
        for seed in UInt64(0)..<5 { #expect(try net.communities(seed: seed) == truth) }
        for method in HierarchicalLinkage.Method.allCases {
            let labels = try net.linkage(method).clusters(3)
            #expect(Set(Dictionary(grouping: 0..<15) { labels[$0] }.values.map { $0.sorted() }) == Set(truth), "\(method)")
        }
    }

    @Test("centralities match networkx")
    func centrality() throws {
        let f = RegimeFixture.networks
        let c = try Self.network.centrality()
        // Sums of ≤ 20 terms and tree path sums: round-off, 1e-12. Betweenness is a ratio of
        // integers (exact). The eigenvector is LAPACK's vs ARPACK's, both converged: 1e-10.
        #expect(Self.maxDifference(c.strength, f.vector("sp500", "strength")) < 1e-12)
        #expect(Self.maxDifference(c.closeness, f.vector("sp500", "closeness")) < 1e-12)
        #expect(Self.maxDifference(c.betweenness, f.vector("sp500", "betweenness")) < 1e-12)
        #expect(Self.maxDifference(c.eigenvector, f.vector("sp500", "eigenvector")) < 1e-10)
    }

    @Test("JSON and GraphML exports carry the tree, communities and centralities")
    func export() throws {
        let report = try Self.network.report(seed: 0, method: .ward, clusters: 4)
        let decoded = try JSONDecoder().decode(NetworkReport.self, from: Data(report.json().utf8))
        #expect(decoded == report)
        #expect(report.nodes.map(\.id) == Self.names)
        #expect(report.communities.flatMap { $0 }.sorted() == Self.names.sorted())
        let xml = report.graphML()
        // Well-formed: every opened element is closed in order.
        var stack: [String] = []
        var balanced = true
        let tags = try Regex(#"<(/?)([A-Za-z]+)[^>]*?(/?)>"#)
        for m in xml.matches(of: tags) {
            let closing = m.output[1].substring! == "/", name = String(m.output[2].substring!), empty = m.output[3].substring! == "/"
            if closing { balanced = balanced && stack.popLast() == name } else if !empty { stack.append(name) }
        }
        #expect(balanced && stack.isEmpty)
        // The edges read back are SciPy's tree, by name.
        let edgeTag = try Regex(#"<edge source="([A-Z]+)" target="([A-Z]+)">"#)
        let edges = Set(xml.matches(of: edgeTag).map { [String($0.output[1].substring!), String($0.output[2].substring!)] })
        let expected = Set(RegimeFixture.networks.matrix("sp500", "mst").map { [Self.names[Int($0[0])], Self.names[Int($0[1])]] })
        #expect(edges == expected)
        #expect(xml.matches(of: try Regex(#"<node id="#)).count == 20)
    }

    @Test("bad input throws with the right code")
    func badInput() throws {
        #expect(throws: RegimeError.self) { try CorrelationNetwork(returns: Matrix(rows: 3, columns: 1, values: [1, 2, 3])) }
        #expect((try? CorrelationNetwork(returns: Matrix(rows: 3, columns: 1, values: [1, 2, 3]))) == nil)
        func code(_ body: () throws -> Void) -> QuantError.Code? {
            do { try body(); return nil } catch let e as QuantError { return e.code } catch { return nil }
        }
        #expect(code { _ = try CorrelationNetwork(returns: Matrix(rows: 3, columns: 1, values: [1, 2, 3])) } == .invalidArgument)
        // A constant column has no correlation.
        #expect(code { _ = try CorrelationNetwork(returns: Matrix([[1, 0.1], [1, 0.2], [1, 0.4]])) } == .invalidArgument)
        // Infinite returns; a pair sharing fewer than 2 dates.
        #expect(code { _ = try CorrelationNetwork(returns: Matrix([[.infinity, 0.1], [1, 0.2], [2, 0.4]])) } == .nonFinite)
        #expect(code { _ = try CorrelationNetwork(returns: Matrix([[.nan, 0.1], [1, .nan], [2, .nan]])) } == .insufficientData)
        #expect(code { _ = try CorrelationNetwork(correlation: Matrix([[1, 2], [2, 1]])) } == .invalidArgument)
        #expect(code { _ = try CorrelationNetwork(correlation: Matrix([[1, .nan], [.nan, 1]])) } == .nonFinite)
        #expect(code { _ = try CorrelationNetwork(correlation: Matrix([[1, 0.5], [0.5, 1]]), names: ["A"]) } == .shapeMismatch)
        let z = try Self.network.linkage(.average)
        #expect(code { _ = try z.clusters(0) } == .invalidArgument)
        #expect(code { _ = try z.clusters(21) } == .invalidArgument)
        #expect(code { _ = try HierarchicalLinkage(distance: Matrix([[0, -1], [-1, 0]]), method: .ward) } == .invalidArgument)
        #expect(code { _ = try Louvain.modularity(weights: Self.network.similarityMatrix, communities: [[0, 1]]) } == .invalidArgument)
        #expect(code { _ = try Louvain.communities(weights: Matrix([[0, -1], [-1, 0]]), seed: 0) } == .invalidArgument)
    }
}

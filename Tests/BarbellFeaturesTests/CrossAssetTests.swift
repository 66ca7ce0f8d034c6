import BarbellData
import BarbellFeatures
import Foundation
import Testing

/// One table written by `Tests/Fixtures/cross/generate.py`: named columns of equal length.
struct CrossFixture {
    let names: [String]
    let columns: [[Double]]
    var count: Int { columns.first?.count ?? 0 }

    subscript(name: String) -> [Double] {
        guard let i = names.firstIndex(of: name) else { preconditionFailure("fixture lacks column \(name)") }
        return columns[i]
    }

    static func load(_ file: String) throws -> CrossFixture {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cross/\(file)").path
        var names: [String] = []
        var columns: [[Double]] = []
        try LineReader(path: path).forEachLine { bytes, _ in
            let line = String(decoding: bytes, as: UTF8.self)
            if line.isEmpty { return true }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if names.isEmpty {
                names = fields.map(String.init)
                columns = Array(repeating: [], count: names.count)
            } else {
                for (i, f) in fields.enumerated() { columns[i].append(Double(f) ?? .nan) }
            }
            return true
        }
        return CrossFixture(names: names, columns: columns)
    }

    /// The columns named `inputs` as a feature input.
    func input(_ inputs: [String]) throws -> FeatureInput {
        var input = FeatureInput(count: count)
        for name in inputs { try input.set(InputField(name), self[name]) }
        return input
    }

    /// Checks every catalogue column (a name with a spec) against our batch output and checks
    /// the stream equals the batch on the same parameters.
    func checkCatalogueColumns(input: FeatureInput, inputNames: [String], label: String,
                               relative: Double = 1e-8, absolute: Double = 1e-13) throws {
        var checked = 0
        var streamed = Set<String>()
        for (k, column) in names.enumerated() where !inputNames.contains(column) {
            let (specText, output) = splitColumnName(column)
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec.parse(Substring(specText)))
            let outputs = try feature.compute(input)
            let index = output.map { feature.descriptor.outputs.firstIndex(of: $0)! } ?? 0
            for t in 0..<count where !agrees(outputs[index][t], columns[k][t], relative: relative, absolute: absolute) {
                Issue.record("\(label) \(column) row \(t): ours \(outputs[index][t]), reference \(columns[k][t])")
                break
            }
            if streamed.insert(specText).inserted { try checkEquivalence(feature, input, label: label) }
            checked += 1
        }
        #expect(checked > 0)
    }
}

@Suite("Cross-asset features")
struct CrossAssetTests {
    @Test("pandas/numpy reference", arguments: ["cross_aapl.tsv.gz", "cross_jnj_nan.tsv.gz"])
    func reference(file: String) throws {
        let fixture = try CrossFixture.load(file)
        let input = try fixture.input(["close", "benchmark"])
        try fixture.checkCatalogueColumns(input: input, inputNames: ["close", "benchmark"], label: file)
    }

    @Test("NaN in the window gives NaN, and the window recovers once it has passed")
    func nanRecovery() throws {
        let fixture = try CrossFixture.load("cross_jnj_nan.tsv.gz")
        let input = try fixture.input(["close", "benchmark"])
        let beta = try FeatureCatalog.standard.resolve(FeatureSpec("RET_BETA", ["window": 20])).compute(input)[0]
        #expect(beta[700].isNaN && beta[720].isNaN)
        #expect(beta[721].isFinite)
    }

    @Test("the features are registered in the cross-asset group with close and benchmark inputs")
    func registration() {
        let names = FeatureCatalog.standard.group(.crossAsset).map(\.name)
        #expect(Set(names) == ["RET_CORR", "RET_BETA", "RESID_VOL", "TRACKING_ERROR", "REL_STRENGTH"])
        for d in FeatureCatalog.standard.group(.crossAsset) { #expect(d.inputs == [.close, .benchmark]) }
    }

    @Test("a benchmark series joins the input only when its timestamps match")
    func benchmarkSeries() throws {
        func series(_ symbol: String, _ seconds: [Int64], _ closes: [Double]) -> BarSeries {
            BarSeries(symbol: Symbol(symbol), timeframe: nil, bars: zip(seconds, closes).map { s, c in
                Bar(timestamp: Timestamp(seconds: s), open: c, high: c, low: c, close: c, volume: 1)
            })
        }
        let asset = series("AAA", [1, 2, 3], [10, 11, 12])
        let input = try FeatureInput(asset, benchmark: series("IDX", [1, 2, 3], [100, 101, 99]))
        #expect(input[.benchmark] == [100, 101, 99])
        for other in [series("IDX", [1, 2], [100, 101]), series("IDX", [1, 2, 4], [100, 101, 99])] {
            do {
                _ = try FeatureInput(asset, benchmark: other)
                Issue.record("expected an error")
            } catch {
                #expect(error.code == .mismatchedInputs)
                #expect(error.message.contains("IDX") && error.message.contains("AAA"))
            }
        }
    }

    @Test("a missing benchmark column is a missing-input error naming it")
    func missingBenchmark() throws {
        let input = try FeatureInput(open: [1, 2, 3], high: [1, 2, 3], low: [1, 2, 3], close: [1, 2, 3], volume: [1, 1, 1])
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec("RET_CORR"))
        #expect(throws: FeatureError.self) { try feature.compute(input) }
        do { _ = try feature.compute(input) } catch {
            #expect(error.code == .missingInput)
            #expect(error.message.contains("benchmark"))
        }
    }
}

@Suite("Cross-sectional panel operations")
struct CrossSectionTests {
    static let symbols = ["AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO", "LLY", "MRK", "MSFT",
                          "PEP", "PFE", "PG", "RRC", "UNH", "WMT", "XOM"]

    @Test("percent rank, z-score and dispersion match pandas")
    func pandasReference() throws {
        let fixture = try CrossFixture.load("section.tsv.gz")
        let panel = try CrossSectionPanel(symbols: Self.symbols, columns: Self.symbols.map { fixture[$0] })
        let ranks = panel.percentRanks(), z = panel.zScores(), dispersion = panel.dispersion()
        for (j, symbol) in Self.symbols.enumerated() {
            let expectedRank = fixture["rank.\(symbol)"], expectedZ = fixture["zscore.\(symbol)"]
            for t in 0..<panel.count {
                #expect(agrees(ranks[j][t], expectedRank[t], relative: 1e-12, absolute: 0), "rank \(symbol) row \(t)")
                #expect(agrees(z[j][t], expectedZ[t], relative: 1e-10, absolute: 1e-12), "zscore \(symbol) row \(t)")
            }
        }
        let expectedDispersion = fixture["dispersion"]
        for t in 0..<panel.count {
            #expect(agrees(dispersion[t], expectedDispersion[t], relative: 1e-12, absolute: 0), "dispersion row \(t)")
        }
    }

    @Test("the stream fed row by row equals the panel, bit for bit")
    func streamEqualsBatch() throws {
        let fixture = try CrossFixture.load("section.tsv.gz")
        let panel = try CrossSectionPanel(symbols: Self.symbols, columns: Self.symbols.map { fixture[$0] })
        let ranks = panel.percentRanks(), z = panel.zScores(), dispersion = panel.dispersion()
        var stream = CrossSectionStream(symbols: Self.symbols)
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        for t in 0..<panel.count {
            try stream.update(panel.row(t), at: Timestamp(seconds: Int64(t)))
            #expect(same(stream.dispersion, dispersion[t]))
            for j in Self.symbols.indices {
                #expect(same(stream.percentRanks[j], ranks[j][t]))
                #expect(same(stream.zScores[j], z[j][t]))
            }
        }
    }

    @Test("ties share their average rank; a single valid value has rank 1 and no z-score")
    func tiesAndSparseRows() {
        #expect(CrossSection.percentRanks([3, 1, 3, .nan, 2]).enumerated().allSatisfy { i, r in
            i == 3 ? r.isNaN : r == [0.875, 0.25, 0.875, 0, 0.5][i]
        })
        #expect(CrossSection.percentRanks([.nan, 5]) .last == 1)
        #expect(CrossSection.zScores([.nan, 5]).filter { !$0.isNaN }.isEmpty)
        #expect(CrossSection.zScores([2, 2, 2]).filter { !$0.isNaN }.isEmpty)
        #expect(CrossSection.dispersion([1, 2, 3, .nan]) == 1)
    }

    @Test("members of different lengths are rejected, naming the symbol")
    func mismatchedLengths() {
        do {
            _ = try CrossSectionPanel(symbols: ["AAA", "BBB", "CCC"], columns: [[1, 2, 3], [1, 2, 3], [1, 2]])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .mismatchedInputs)
            #expect(error.message.contains("CCC"))
        }
    }

    @Test("members with different timestamps are rejected, naming the symbol and row")
    func mismatchedTimestamps() {
        let ts = (0..<3).map { Timestamp(seconds: Int64($0)) }
        var shifted = ts
        shifted[2] = Timestamp(seconds: 99)
        do {
            _ = try CrossSectionPanel([
                .init(symbol: "AAA", values: [1, 2, 3], timestamps: ts),
                .init(symbol: "BBB", values: [1, 2, 3], timestamps: shifted),
            ])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .mismatchedInputs)
            #expect(error.message.contains("BBB") && error.message.contains("row 2"))
        }
        #expect(throws: FeatureError.self) {
            try CrossSectionPanel([.init(symbol: "AAA", values: [1, 2, 3], timestamps: ts), .init(symbol: "BBB", values: [1, 2, 3])])
        }
        #expect(throws: FeatureError.self) { try CrossSectionPanel(symbols: ["AAA", "AAA"], columns: [[1], [2]]) }
    }

    @Test("a stream row of the wrong width or out of order is rejected")
    func streamErrors() throws {
        var stream = CrossSectionStream(symbols: ["AAA", "BBB"])
        #expect(throws: FeatureError.self) { try stream.update([1, 2, 3]) }
        try stream.update([1, 2], at: Timestamp(seconds: 5))
        #expect(throws: FeatureError.self) { try stream.update([1, 2], at: Timestamp(seconds: 5)) }
        #expect(stream.percentRanks == [0.5, 1])
    }
}

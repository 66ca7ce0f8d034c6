import BarbellData
@testable import BarbellFeatures
import Foundation
import Testing

/// Parity with Qlib's own expression engine (`Tests/Fixtures/alpha/generate.py`, pyqlib 0.9.7
/// over pandas 3.1.1) for every Alpha158 and Alpha360 column on four data sets.
///
/// The kernels replay Qlib's Cython regression and pandas' rolling algorithms operation by
/// operation, so in practice every value is bit-identical to the fixture (checked when the
/// fixtures were generated); the 1e-9 relative tolerance only leaves room for a different libm.
@Suite("Qlib Alpha158 / Alpha360 parity")
struct AlphaTests {
    static let dataSets = ["sp500", "walk", "walk_nan", "flat"]
    static let inputNames = ["open", "high", "low", "close", "volume", "vwap"]

    struct Fixture {
        let input: FeatureInput
        let expected: [(name: String, values: [Double])]
    }

    static func load(_ name: String) throws -> Fixture {
        let table = try FixtureTable.load("alpha/\(name).tsv.gz", inputs: Set(inputNames))
        return Fixture(input: table.input, expected: table.expected)
    }

    /// 1e-9 relative. The absolute floor of 1e-12 only matters for values that are exactly 0 in
    /// one engine and round-off in the other (e.g. a residual of a perfect fit).
    static func agree(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12
    }

    @Test("every column matches Qlib", arguments: dataSets)
    func parity(dataSet: String) throws {
        let fixture = try Self.load(dataSet)
        var checked = 0
        for (name, expected) in fixture.expected where isSelected(name) {
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec(name))
            let actual = try feature.compute(fixture.input)[0]
            for t in expected.indices where !Self.agree(actual[t], expected[t]) {
                Issue.record("\(name) [\(dataSet)] bar \(t): ours \(actual[t]), Qlib \(expected[t])")
                break
            }
            checked += 1
        }
        // Alpha360's OPEN0, HIGH0, LOW0 and VWAP0 are Alpha158's columns of the same name.
        if selectedFeatureNames() == nil { #expect(checked == 158 + 356) }
    }

    @Test("column lists follow Qlib's order")
    func names() throws {
        #expect(FeatureCatalog.alpha158Names.count == 158)
        #expect(FeatureCatalog.alpha360Names.count == 360)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/alpha/names.txt").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let lists = Dictionary(uniqueKeysWithValues: lines.map { line in
            let parts = line.split(separator: "\t")
            return (String(parts[0]), parts[1].split(separator: ",").map(String.init))
        })
        #expect(lists["ALPHA158"] == FeatureCatalog.alpha158Names)
        #expect(lists["ALPHA360"] == FeatureCatalog.alpha360Names)
        for name in FeatureCatalog.alpha158Names + FeatureCatalog.alpha360Names {
            #expect(FeatureCatalog.standard[name] != nil, "\(name) not registered")
        }
    }

    @Test("Alpha158Set (batch and stream) equals the per-feature kernels bit for bit", arguments: ["walk_nan", "flat"])
    func fusedSet(dataSet: String) throws {
        let fixture = try Self.load(dataSet)
        let n = fixture.input.count
        let fused = try Alpha158Set.compute(fixture.input)
        #expect(fused.count == 158)
        let columns = try Alpha158Set.inputs.map { try fixture.input.require($0, for: "test") }
        var stream = Alpha158Set.Stream()
        var streamed = [[Double]](repeating: [], count: 158)
        for t in 0..<n {
            stream.update(open: columns[0][t], high: columns[1][t], low: columns[2][t], close: columns[3][t],
                          volume: columns[4][t], vwap: columns[5][t])
            for k in 0..<158 { streamed[k].append(stream.latest[k]) }
        }
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        let subsetNames = ["RSV20", "kmid", "CORD60", "MA5", "RANK30"]
        let subset = try Alpha158Set.compute(fixture.input, features: subsetNames)
        for (j, name) in subsetNames.enumerated() {
            let k = Alpha158Set.names.firstIndex(of: name.uppercased())!
            #expect(zip(subset[j], fused[k]).allSatisfy { same($0, $1) }, "subset column \(name)")
        }
        for (k, name) in Alpha158Set.names.enumerated() {
            let single = try FeatureCatalog.standard.resolve(FeatureSpec(name)).compute(fixture.input)[0]
            for t in 0..<n where !same(single[t], fused[k][t]) || !same(single[t], streamed[k][t]) {
                Issue.record("\(name) bar \(t): single \(single[t]), fused \(fused[k][t]), stream \(streamed[k][t])")
                break
            }
        }
    }

    @Test("Alpha158Set over several of its column-wise chunks equals the stream bit for bit")
    func fusedSetLong() throws {
        // walk_nan four times over (1,600 bars, NaN gaps included) spans chunk boundaries.
        let fixture = try Self.load("walk_nan")
        let base = try Alpha158Set.inputs.map { try fixture.input.require($0, for: "test") }
        let columns = base.map { $0 + $0 + $0 + $0 }
        let n = columns[0].count
        var input = FeatureInput(count: n)
        for (field, column) in zip(Alpha158Set.inputs, columns) { try input.set(field, column) }
        let fused = try Alpha158Set.compute(input)
        var stream = Alpha158Set.Stream()
        for t in 0..<n {
            stream.update(open: columns[0][t], high: columns[1][t], low: columns[2][t], close: columns[3][t],
                          volume: columns[4][t], vwap: columns[5][t])
            for k in 0..<158 {
                let a = fused[k][t], b = stream.latest[k]
                if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) {
                    Issue.record("\(Alpha158Set.names[k]) bar \(t): fused \(a), stream \(b)")
                    return
                }
            }
        }
    }
}

import BarbellData
import BarbellFeatures
import Foundation
import Testing

/// Candlestick patterns on series built to trigger them (Tests/Fixtures/pattern/generate.py);
/// the shared TA-Lib fixtures never fire several of the rarer ones.
@Suite("Candlestick patterns")
struct PatternTests {
    static func load(_ name: String) throws -> (input: FeatureInput, expected: [(String, [Double])]) {
        let table = try FixtureTable.load("pattern/\(name).tsv.gz", inputs: ["open", "high", "low", "close"])
        return (table.input, table.expected.map { ($0.name, $0.values) })
    }

    /// `ticks`: a long tick-grid walk; `templates`: jittered textbook instances of the rare
    /// multi-candle patterns.
    @Test("matches TA-Lib on pattern-rich series, batch and stream", arguments: ["ticks", "templates"])
    func matchesTALibOnTicks(dataSet: String) throws {
        let (input, expected) = try Self.load(dataSet)
        var failures: [String] = []
        var checked = 0
        for (column, values) in expected {
            let spec = try FeatureSpec.parse(Substring(column))
            guard FeatureCatalog.standard[spec.name] != nil, isSelected(spec.name) else { continue }
            let feature = try FeatureCatalog.standard.resolve(spec)
            let got = try feature.compute(input)[0]
            checked += 1
            if let i = values.indices.first(where: { got[$0] != values[$0] }) {
                failures.append("\(column) [\(dataSet)] row \(i): got \(got[i]), TA-Lib \(values[i])")
            }
            try checkEquivalence(feature, input, label: dataSet)
        }
        #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.joined(separator: "\n"))")
        #expect(checked == expected.count || selectedFeatureNames() != nil, "checked \(checked) of \(expected.count) columns")
    }

    @Test("0 before the first complete bar and through the lookback, as TA-Lib's wrapper gives")
    func zeroDuringWarmUp() throws {
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec("CDLDOJI"))
        let n = 30
        var open = (0..<n).map { 10 + Double($0) }
        open[0] = .nan
        let close = open.map { $0 + 0.001 }
        let high = open.map { $0 + 1 }, low = open.map { $0 - 1 }
        var input = FeatureInput(count: n)
        for (f, c) in [(InputField.open, open), (.high, high), (.low, low), (.close, close)] { try input.set(f, c) }
        let out = try feature.compute(input)[0]
        #expect(out.prefix(1 + feature.lookback).allSatisfy { $0 == 0 })
        #expect(out[1 + feature.lookback] == 100)
    }
}

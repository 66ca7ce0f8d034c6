import BarbellFeatures
import Testing

/// Every TA-Lib function of the classic set, on real and random data with NaN gaps, against the
/// values the TA-Lib Python package produced (Tests/Fixtures/talib/generate.py).
@Suite("TA-Lib parity")
struct TALibParityTests {
    @Test("matches TA-Lib", arguments: TALibFixture.dataSets)
    func matchesTALib(dataSet: String) throws {
        let fixture = try TALibFixture.load(dataSet)
        let only = selectedFeatureNames()
        var missing = Set<String>()
        var failures: [String] = []
        var computed: [String: [[Double]]] = [:]
        var checked = 0
        for (column, values) in fixture.expected {
            let (specText, output) = splitColumnName(column)
            let spec = try FeatureSpec.parse(Substring(specText))
            if let only, !only.contains(spec.name) { continue }
            guard FeatureCatalog.standard[spec.name] != nil else {
                missing.insert(spec.name)
                continue
            }
            let feature = try FeatureCatalog.standard.resolve(spec)
            #expect(feature.canonicalName == specText, "canonical name of \(specText)")
            let outputs = try computed[specText] ?? feature.compute(fixture.input)
            computed[specText] = outputs
            let index = output.flatMap { feature.descriptor.outputs.firstIndex(of: $0) } ?? 0
            if let output, !feature.descriptor.outputs.contains(output) {
                failures.append("\(column): no output '\(output)'; have \(feature.descriptor.outputs)")
                continue
            }
            let got = outputs[index]
            checked += 1
            if let i = values.indices.first(where: { !agrees(got[$0], values[$0]) }) {
                let firstDefined = values.firstIndex { !$0.isNaN }
                let gotFirst = got.firstIndex { !$0.isNaN }
                failures.append("\(column) [\(dataSet)] row \(i): got \(got[i]), TA-Lib \(values[i]) (first defined: ours \(gotFirst.map(String.init) ?? "none"), TA-Lib \(firstDefined.map(String.init) ?? "none"))")
            }
        }
        #expect(missing.isEmpty, "not implemented yet: \(missing.sorted().joined(separator: ", "))")
        #expect(failures.isEmpty, "\(failures.count) of \(checked) columns differ:\n\(failures.prefix(40).joined(separator: "\n"))")
        #expect(checked > 0 || only != nil)
    }
}

import BarbellData
import BarbellFeatures
import Testing

/// The promise that live features equal training features: for every feature in the catalogue,
/// streaming bar by bar gives what batch computation gives, bit for bit (NaN matches any NaN).
/// Batch kernels that regroup their arithmetic for speed carry the same grouping in their
/// streams, so there is no tolerance here.
@Suite("Batch equals streaming")
struct BatchStreamEquivalenceTests {
    @Test("every catalogue feature, defaults, random walk with NaN gaps")
    func everyFeatureOnRandomWalk() throws {
        for seed: UInt64 in [1, 2] {
            let input = syntheticInput(count: 1_500, seed: seed, nanGaps: seed == 2)
            for descriptor in FeatureCatalog.standard.descriptors where isSelected(descriptor.name) {
                let feature = try FeatureCatalog.standard.resolve(FeatureSpec(descriptor.name))
                try checkEquivalence(feature, input, label: "seed \(seed)")
            }
        }
    }

    @Test("every catalogue feature, defaults, real S&P 500 bars")
    func everyFeatureOnRealData() throws {
        let fixture = try TALibFixture.load("sp500")
        var input = fixture.input
        let n = input.count
        // Extra fields the real file lacks: a typical-price VWAP and a synthetic benchmark.
        let (h, l, c) = (input[.high]!, input[.low]!, input[.close]!)
        try input.set(.vwap, (0..<n).map { (h[$0] + l[$0] + c[$0]) / 3 })
        let synthetic = syntheticInput(count: n, seed: 3, nanGaps: false)
        for d in FeatureCatalog.standard.descriptors {
            for field in d.inputs where input[field] == nil { try input.set(field, synthetic[field]!) }
        }
        for descriptor in FeatureCatalog.standard.descriptors where isSelected(descriptor.name) {
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec(descriptor.name))
            try checkEquivalence(feature, input, label: "sp500")
        }
    }

    @Test("series no longer than the lookback: warm-up values of the right length, both ways")
    func shortSeries() throws {
        let long = syntheticInput(count: 400, seed: 4, nanGaps: true)
        for descriptor in FeatureCatalog.standard.descriptors where isSelected(descriptor.name) {
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec(descriptor.name))
            let lookback = feature.lookback
            // Five leading NaN bars in the input, so the lookback counts from bar 5.
            for n in Set([0, 1, min(lookback, 390), min(lookback + 5, 395), min(lookback + 6, 400)]) {
                var input = FeatureInput(count: n)
                for field in descriptor.inputs { try input.set(field, Array(long[field]!.prefix(n))) }
                let batch = try feature.compute(input)
                #expect(batch.allSatisfy { $0.count == n }, "\(descriptor.name) n=\(n)")
                if descriptor.nanPolicy == .skipLeading, n <= lookback + 5 {
                    let warm = descriptor.warmupValue
                    #expect(batch.allSatisfy { $0.allSatisfy { $0.bitPattern == warm.bitPattern || ($0.isNaN && warm.isNaN) } },
                            "\(descriptor.name) n=\(n) lookback=\(lookback): expected only warm-up values")
                }
                try checkEquivalence(feature, input, label: "short n=\(n)")
            }
        }
    }

    @Test("TA-Lib fixture parameter sets", arguments: TALibFixture.dataSets)
    func fixtureParameterSets(dataSet: String) throws {
        let fixture = try TALibFixture.load(dataSet)
        var seen = Set<String>()
        for (column, _) in fixture.expected {
            let specText = splitColumnName(column).spec
            guard seen.insert(specText).inserted else { continue }
            let spec = try FeatureSpec.parse(Substring(specText))
            guard FeatureCatalog.standard[spec.name] != nil, isSelected(spec.name) else { continue }
            try checkEquivalence(try FeatureCatalog.standard.resolve(spec), fixture.input, label: dataSet)
        }
    }
}

func isSelected(_ name: String) -> Bool {
    selectedFeatureNames().map { $0.contains(name) } ?? true
}

/// Runs `feature` both ways over `input` and records any difference.
func checkEquivalence(_ feature: ResolvedFeature, _ input: FeatureInput, label: String) throws {
    let batch = try feature.compute(input)
    var runner = FeatureStreamRunner(feature)
    let columns = try feature.descriptor.inputs.map { field in
        guard let c = input[field] else { throw FeatureError(.missingInput, "test input lacks \(field)") }
        return c
    }
    var row = [Double](repeating: 0, count: columns.count)
    for t in 0..<input.count {
        for j in columns.indices { row[j] = columns[j][t] }
        let streamed = runner.update(row)
        for k in streamed.indices {
            let a = batch[k][t], b = streamed[k]
            let same = a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
            if !same {
                Issue.record("\(feature.columnNames[k]) [\(label)] bar \(t): batch \(a), stream \(b)")
                return
            }
        }
    }
}

/// A seeded OHLCV random walk with every extra input a feature may read (benchmark, vwap,
/// periods, order-book style fields), optionally with leading and interior NaN gaps.
func syntheticInput(count n: Int, seed: UInt64, nanGaps: Bool) -> FeatureInput {
    var rng = SplitMix64(seed: seed)
    func normal() -> Double {
        let u = max(rng.nextUniform(), 1e-300), v = rng.nextUniform()
        return (-2 * _log(u)).squareRoot() * _cos(2 * .pi * v)
    }
    var open = [Double](), high = [Double](), low = [Double](), close = [Double](), volume = [Double]()
    var bench = [Double](), vwap = [Double](), periods = [Double]()
    var price = 100.0, index = 1000.0
    for _ in 0..<n {
        let o = price
        let market = 0.01 * normal()
        index *= _exp(market)
        price *= _exp(0.8 * market + 0.01 * normal())
        let c = (rng.nextUniform() < 0.05) ? o : price
        price = c
        let h = max(o, c) * _exp(abs(0.006 * normal()))
        let l = min(o, c) * _exp(-abs(0.006 * normal()))
        open.append(o); high.append(h); low.append(l); close.append(c)
        volume.append((1e5 * _exp(0.5 * normal())).rounded())
        bench.append(index)
        vwap.append((h + l + c) / 3)
        periods.append(Double(2 + Int(rng.next() % 30)))
    }
    if nanGaps {
        for i in 0..<5 { open[i] = .nan; high[i] = .nan; low[i] = .nan; close[i] = .nan; volume[i] = .nan }
        close[n / 3] = .nan
        high[n / 2] = .nan
        volume[2 * n / 3] = .nan
    }
    var input = FeatureInput(count: n)
    let known: [(InputField, [Double])] = [(.open, open), (.high, high), (.low, low), (.close, close), (.volume, volume),
                                           (.benchmark, bench), (.vwap, vwap), (.periods, periods)]
    for (field, column) in known { try! input.set(field, column) }
    // Any other field a feature declares (order-book levels, trade flow) gets positive noise.
    for d in FeatureCatalog.standard.descriptors {
        for field in d.inputs where input[field] == nil {
            try! input.set(field, (0..<n).map { _ in 1 + rng.nextUniform() })
        }
    }
    return input
}

import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }

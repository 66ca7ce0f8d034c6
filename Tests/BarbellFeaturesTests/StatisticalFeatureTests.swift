import BarbellData
import BarbellFeatures
import Foundation
import Testing

/// Barbell's own Statistical, Realized Volatility, Tail Risk and Regime features against the
/// reference values of `Tests/Fixtures/features/generate_statistical.py` (pandas, numpy, scipy,
/// and direct numpy implementations of the published formulas where no library has one).
@Suite("Statistical feature references")
struct StatisticalFeatureTests {
    static let dataSets = ["sp500", "walk"]
    static let groups: Set<FeatureGroup> = [.statistical, .realizedVolatility, .tailRisk, .regime]

    @Test("matches the pandas/numpy/scipy references", arguments: dataSets)
    func matchesReference(dataSet: String) throws {
        let fixture = try StatisticalFixture.load(dataSet)
        let only = selectedFeatureNames()
        var failures: [String] = []
        var checked = Set<String>()
        for (column, expected) in fixture.expected {
            let spec = try FeatureSpec.parse(Substring(column))
            if let only, !only.contains(spec.name) { continue }
            let feature = try FeatureCatalog.standard.resolve(spec)
            #expect(feature.canonicalName == column, "canonical name of \(column)")
            let got = try feature.compute(fixture.input)[0]
            checked.insert(spec.name)
            if let i = expected.indices.first(where: { !agrees(got[$0], expected[$0], relative: 1e-9, absolute: 1e-13) }) {
                failures.append("\(column) [\(dataSet)] row \(i): got \(got[i]), reference \(expected[i]) (first defined: ours \(got.firstIndex { !$0.isNaN }.map(String.init) ?? "none"), reference \(expected.firstIndex { !$0.isNaN }.map(String.init) ?? "none"))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) columns differ:\n\(failures.joined(separator: "\n"))")
        if only == nil {
            let untested = FeatureCatalog.standard.descriptors
                .filter { Self.groups.contains($0.group) && !checked.contains($0.name) }.map(\.name)
            #expect(untested.isEmpty, "features without reference values: \(untested)")
        }
    }

    @Test("batch equals streaming for every reference parameter set", arguments: dataSets)
    func fixtureParameterSetsStream(dataSet: String) throws {
        let fixture = try StatisticalFixture.load(dataSet)
        for (column, _) in fixture.expected {
            let spec = try FeatureSpec.parse(Substring(column))
            guard isSelected(spec.name) else { continue }
            try checkEquivalence(try FeatureCatalog.standard.resolve(spec), fixture.input, label: dataSet)
        }
    }

    @Test("lookback equals the first defined output")
    func lookbackMatchesWarmUp() throws {
        let input = syntheticInput(count: 700, seed: 3, nanGaps: false)
        for descriptor in FeatureCatalog.standard.descriptors where Self.groups.contains(descriptor.group) && isSelected(descriptor.name) {
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec(descriptor.name))
            let values = try feature.compute(input)[0]
            #expect(values.firstIndex { !$0.isNaN } == feature.lookback, "\(descriptor.name)")
        }
    }

    @Test("a NaN inside the window blanks the output until it leaves")
    func interiorNaNRecovers() throws {
        var input = syntheticInput(count: 400, seed: 4, nanGaps: false)
        var close = input[.close]!
        close[200] = .nan
        try input.set(.close, close)
        let feature = try FeatureCatalog.standard.resolve(FeatureSpec("ROLLING_STD", ["window": 10]))
        let values = try feature.compute(input)[0]
        // Returns 200 and 201 are NaN; windows ending at 200...210 contain one of them.
        #expect(values[199].isFinite)
        #expect((200...210).allSatisfy { values[$0].isNaN })
        #expect(values[211].isFinite)
        let clean = try feature.compute(syntheticInput(count: 400, seed: 4, nanGaps: false))[0]
        #expect(abs(values[300] - clean[300]) <= 1e-12 * clean[300])
    }
}

/// Hand-checkable cases that pin down each definition's conventions.
@Suite("Statistical feature definitions")
struct StatisticalDefinitionTests {
    func compute(_ spec: String, close: [Double], benchmark: [Double]? = nil) throws -> [Double] {
        var input = FeatureInput(count: close.count)
        try input.set(.close, close)
        if let benchmark { try input.set(.benchmark, benchmark) }
        return try FeatureCatalog.standard.resolve(FeatureSpec.parse(Substring(spec))).compute(input)[0]
    }

    @Test("drawdown depth, speed and recovery time on a hand-made path")
    func drawdownPath() throws {
        // Peak 100 at bar 1, trough 50 at bar 3, back to 100 at bar 6.
        let close: [Double] = [90, 100, 80, 50, 70, 90, 100, 95]
        let n = close.count
        #expect(try compute("MAX_DRAWDOWN(window=8)", close: close)[n - 1] == 0.5)
        #expect(try compute("DRAWDOWN_SPEED(window=8)", close: close)[n - 1] == 0.25)
        #expect(try compute("RECOVERY_TIME(window=8)", close: close)[n - 1] == 3)
        // Not yet recovered: the bars since the trough.
        #expect(try compute("RECOVERY_TIME(window=5)", close: [100, 80, 50, 60, 70])[4] == 2)
        #expect(try compute("MAX_DRAWDOWN(window=3)", close: [1, 2, 3, 4])[3] == 0)
    }

    @Test("a straight exponential trend has R² = ±1; a series correlates 1 with itself")
    func trendAndCorrelation() throws {
        let up = (0..<40).map { 100 * _exp(0.01 * Double($0)) }
        let down = up.reversed().map { $0 }
        #expect(abs(try compute("TREND_R2(window=20)", close: up)[39] - 1) < 1e-12)
        #expect(abs(try compute("TREND_R2(window=20)", close: down)[39] + 1) < 1e-12)
        let walk = syntheticInput(count: 100, seed: 9, nanGaps: false)[.close]!
        let corr = try compute("EWMA_CORR", close: walk, benchmark: walk)
        #expect(abs(corr[99] - 1) < 1e-12)
        #expect(corr[19].isNaN && corr[20].isFinite)
    }

    @Test("downside deviation is exactly 0 and omega NaN without a loss")
    func noLosses() throws {
        let rising = (0..<30).map { 100 + Double($0) }
        #expect(try compute("DOWNSIDE_DEV(window=10)", close: rising)[29] == 0)
        #expect(try compute("OMEGA_RATIO(window=10)", close: rising)[29].isNaN)
        #expect(try compute("UPSIDE_DEV(window=10)", close: rising)[29] > 0)
    }

    @Test("variance ratio near 1 and Hurst near 0.5 for a long random walk")
    func randomWalkStatistics() throws {
        let walk = syntheticInput(count: 4_000, seed: 5, nanGaps: false)[.close]!
        let vr = try compute("VARIANCE_RATIO(window=3000,lag=5)", close: walk)[3_999]
        let rs = try compute("HURST_RS(window=2048)", close: walk)[3_999]
        let dfa = try compute("HURST_DFA(window=2048)", close: walk)[3_999]
        #expect(abs(vr - 1) < 0.15)
        #expect(abs(rs - 0.55) < 0.1)  // R/S is biased upwards in small boxes (Anis & Lloyd 1976)
        #expect(abs(dfa - 0.5) < 0.1)
    }
}

/// One data set written by `generate_statistical.py`.
struct StatisticalFixture {
    let input: FeatureInput
    let expected: [(name: String, values: [Double])]

    static let inputNames = ["open", "high", "low", "close", "volume", "benchmark"]

    static func load(_ name: String) throws -> StatisticalFixture {
        let table = try FixtureTable.load("features/statistical_\(name).tsv.gz", inputs: Set(inputNames))
        return StatisticalFixture(input: table.input, expected: table.expected)
    }
}

import BarbellData
import BarbellFeatures
import BarbellLearning
import Foundation
import Testing

/// The dataset builder on a real four-stock panel (Quandl WIKI sample, 2014): rows equal the
/// feature engine's values at each bar, labels equal the forward returns, every label starts
/// after its bar on the shared calendar, and the purged splits of the panel pass the leakage guard.
@Suite("Dataset builder")
struct DatasetTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/zipline_quandl_sample_table.csv").path
    static let specs = "ROCP(timeperiod=1),RSI(timeperiod=14),NATR(timeperiod=14)"

    static func panel() throws -> [BarSeries] { try MarketFile.loadBars(path).map(\.series) }

    @Test("rows, labels and spans line up with the feature engine and the closes, without look-ahead")
    func alignsPanel() throws {
        let panel = try Self.panel()
        #expect(panel.count == 4)
        let set = try FeatureSet(name: "t", list: Self.specs)
        let ds = try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 5, kind: .simple)).build(panel: panel)
        #expect(ds.featureNames.count == 3 && ds.symbols == panel.map(\.symbol.name))
        // Ordered by time, then symbol; one sample per (bar, symbol) at most.
        for i in 1..<ds.count { #expect((ds.time[i - 1], ds.symbolIndex[i - 1]) < (ds.time[i], ds.symbolIndex[i])) }
        var perSymbol = [Int](repeating: 0, count: panel.count)
        for (s, series) in panel.enumerated() {
            let frame = try FeatureComputer(set).compute(FeatureInput(series))
            let local = Dictionary(uniqueKeysWithValues: series.timestamps.enumerated().map { ($0.element, $0.offset) })
            let rows = (0..<ds.count).filter { ds.symbolIndex[$0] == s }
            perSymbol[s] = rows.count
            for i in rows {
                let t = try #require(local[ds.calendar[ds.time[i]]])
                #expect(Array(ds.row(i)) == frame.columns.map { $0[t] })
                #expect(ds.labels[i] == series.close[t + 5] / series.close[t] - 1)
                #expect(ds.spans[i].start > ds.time[i], "label of row \(i) starts at or before its bar")
                #expect(ds.calendar[ds.spans[i].end] == series.timestamps[t + 5])
            }
            // Every bar with all features defined and five bars ahead is a sample.
            let defined = (0..<(series.count - 5)).filter { t in frame.columns.allSatisfy { $0[t].isFinite } }.count
            #expect(rows.count == defined)
            #expect(ds.skippedWarmUp[s] == series.count - 5 - defined)
        }
        #expect(perSymbol.reduce(0, +) == ds.count)
    }

    @Test("purged k-fold and combinatorial splits of the panel pass the leakage guard; a leaky split does not")
    func splitsAreLeakProof() throws {
        let set = try FeatureSet(name: "t", list: Self.specs)
        let ds = try DatasetBuilder(featureSet: set, label: .direction(horizon: 5, kind: .log, deadZone: 0.002)).build(panel: try Self.panel())
        #expect(Set(ds.labels).isSubset(of: [-1, 0, 1]))
        let splits = try PurgedKFold(k: 5, embargo: 4).splits(spans: ds.spans) + CombinatorialPurgedCV(groups: 6, testGroups: 2).splits(spans: ds.spans, embargo: 4)
        #expect(splits.count == 5 + 15)
        for split in splits { try LeakageGuard.check(split, spans: ds.spans) }
        // Training on every row outside one fold, purging nothing: rows at the fold's edges leak.
        let fold = try PurgedKFold(k: 5).folds(n: ds.count)[2]
        let leaky = Split(train: (0..<ds.count).filter { !fold.contains($0) }, test: Array(fold))
        #expect(throws: LearningError.self) { try LeakageGuard.check(leaky, spans: ds.spans) }
    }

    @Test("bad panels and definitions are errors naming the problem")
    func badInput() throws {
        let panel = try Self.panel()
        let set = try FeatureSet(name: "t", list: Self.specs)
        #expect(throws: LearningError.self) { try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 5, kind: .simple)).build(panel: [panel[0], panel[0]]) }
        #expect(throws: LearningError.self) { try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 0, kind: .simple)).build(panel: panel) }
        #expect(throws: LearningError.self) { try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 5, kind: .simple)).build(panel: []) }
        let unknown = try FeatureSet(name: "t", list: "NOPE(timeperiod=3)")
        #expect(throws: LearningError.self) { try DatasetBuilder(featureSet: unknown, label: .forwardReturn(horizon: 5, kind: .simple)).build(panel: panel) }
        do {
            _ = try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 400, kind: .simple)).build(panel: panel)
            Issue.record("a horizon longer than the data should fail")
        } catch let error as LearningError {
            #expect(error.message.contains(panel[0].symbol.name), "\(error.message)")
        }
    }
}

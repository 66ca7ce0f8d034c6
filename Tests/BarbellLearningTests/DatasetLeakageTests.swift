import BarbellData
import BarbellFeatures
import BarbellLearning
import BarbellQuant
import Foundation
import Testing

/// The leakage suite: a feature shifted one bar into the future is caught, and a model trained on
/// shuffled labels scores no better than chance on purged test folds.
@Suite("Leakage controls")
struct DatasetLeakageTests {
    /// The feature engine's columns with one of them moved a bar into the future
    /// (`value[t] = engine[t + 1]`): the classic look-ahead bug.
    struct ShiftedSource: FeatureSource {
        let base: FeatureSetSource
        let shifted: Int
        var featureNames: [String] { base.featureNames }
        func columns(for series: BarSeries) throws -> [[Double]] {
            var columns = try base.columns(for: series)
            let c = columns[shifted]
            columns[shifted] = Array(c.dropFirst()) + [.nan]
            return columns
        }
    }

    static func spx(bars: Int = 1_500) throws -> BarSeries {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/arch_sp500.csv.gz").path
        let s = try MarketFile.loadBars(path)[0].series
        return s.slice(from: s.timestamps[s.count - bars])
    }

    static let set = try! FeatureSet(name: "t", list: "ROCP(timeperiod=1),RSI(timeperiod=14),NATR(timeperiod=14),ROC20")

    @Test("the engine's features pass the look-ahead audit; the same set with one column shifted a bar ahead is caught")
    func catchesShiftedFeature() throws {
        let series = try Self.spx()
        let clean = try FeatureSetSource(Self.set)
        #expect(try LookAheadAudit.run(clean, series: series).isEmpty)
        let leaky = ShiftedSource(base: clean, shifted: 1)
        let findings = try LookAheadAudit.run(leaky, series: series)
        #expect(findings.map(\.feature) == [clean.featureNames[1]])
        #expect(findings.first.map { $0.truncated.isNaN && !$0.full.isNaN } == true)
        #expect(throws: LearningError.self) { try LookAheadAudit.run(clean, series: series, checkpoints: 0) }
    }

    @Test("ridge on shuffled labels scores IC and hit rate indistinguishable from chance on purged folds")
    func shuffledLabelsScoreChance() throws {
        let series = try Self.spx()
        let ds = try DatasetBuilder(featureSet: Self.set, label: .forwardReturn(horizon: 1, kind: .log)).build(panel: [series])
        var rng = SplitMix64(seed: 17)
        var shuffled = ds.labels
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let (ics, hits, called) = try Self.scores(ds, labels: shuffled) { Array(ds.row($0)) }
        // Under the null each fold's IC is ≈ N(0, 1/√m) with m ≈ 300 test rows, so the mean of five
        // is within ±3/√(5m) ≈ ±0.08 with probability 0.997; the hit rate within 3σ of one half.
        let m = Double(ds.count) / 5
        let meanIC = ics.reduce(0, +) / Double(ics.count)
        #expect(abs(meanIC) < 3 / (5 * m).squareRoot(), "mean IC \(meanIC) over folds \(ics)")
        let rate = Double(hits) / Double(called)
        #expect(abs(rate - 0.5) < 3 * 0.5 / Double(called).squareRoot(), "hit rate \(rate) over \(called)")

        // The control has power: the same run with the (shuffled) label leaked in as a feature is
        // far outside the band.
        let leaked = try Self.scores(ds, labels: shuffled) { Array(ds.row($0)) + [shuffled[$0]] }
        #expect(leaked.ics.reduce(0, +) / 5 > 0.9)
    }

    /// Per purged fold: ridge fitted on the training rows, IC on the test rows; pooled hit counts.
    static func scores(_ ds: SupervisedDataset, labels: [Double], row: (Int) -> [Double]) throws -> (ics: [Double], hits: Int, called: Int) {
        var ics: [Double] = [], hits = 0, called = 0
        for split in try PurgedKFold(k: 5, embargo: 5).splits(spans: ds.spans) {
            try LeakageGuard.check(split, spans: ds.spans)
            let width = row(0).count
            func matrix(_ rows: [Int]) throws -> Matrix { try Matrix(rows: rows.count, columns: width, values: rows.flatMap(row)) }
            var model = try Ridge(alpha: 1)
            try model.fit(x: try matrix(split.train), y: split.train.map { labels[$0] })
            let prediction = try model.predict(try matrix(split.test))
            let realised = split.test.map { labels[$0] }
            ics.append(try InformationCoefficient.pearson(prediction: prediction, realised: realised))
            let rate = try HitRate(prediction: prediction, realised: realised)
            hits += rate.hits
            called += rate.count
        }
        return (ics, hits, called)
    }
}

import BarbellData
import BarbellLearning
import Foundation
import Testing

/// Reference splits from Tests/Fixtures/learning/splits.py (scikit-learn 1.9.1, skfolio 1.12.2,
/// and a numpy transcription of AFML snippets 7.1–7.2).
private struct SplitsFixture: Decodable {
    struct IndexSplit: Decodable {
        let train: [Int]
        let test: [Int]
    }
    struct TimeSeriesCase: Decodable {
        let n: Int
        let nSplits: Int
        let testSize: Int?
        let gap: Int
        let maxTrainSize: Int?
        let splits: [IndexSplit]
    }
    struct GroupedSplit: Decodable {
        let train: [Int]
        let tests: [[Int]]
    }
    struct CPCVCase: Decodable {
        let n: Int
        let nFolds: Int
        let nTestFolds: Int
        let purgedSize: Int
        let embargoSize: Int
        let nTestPaths: Int
        let testSetIndex: [[Int]]
        let recombinedPaths: [[Int]]
        let splits: [GroupedSplit]
    }
    struct FullSplit: Decodable {
        let train: [Int]
        let test: [Int]
        let purged: [Int]
        let embargoed: [Int]
        var split: Split { Split(train: train, test: test, purged: purged, embargoed: embargoed) }
    }
    struct KFoldCase: Decodable {
        let n: Int
        let k: Int
        let embargo: Int
        let starts: [Int]
        let ends: [Int]
        let splits: [FullSplit]
    }
    struct CPCVSpanCase: Decodable {
        let n: Int
        let nFolds: Int
        let nTestFolds: Int
        let embargo: Int
        let starts: [Int]
        let ends: [Int]
        let splits: [FullSplit]
    }
    let timeSeriesSplit: [TimeSeriesCase]
    let cpcv: [CPCVCase]
    let purgedKfold: [KFoldCase]
    let cpcvSpans: [CPCVSpanCase]

    static func load() throws -> SplitsFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/learning/splits.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SplitsFixture.self, from: Data(contentsOf: url))
    }
}

private func spans(_ starts: [Int], _ ends: [Int]) throws -> [LabelSpan] {
    try zip(starts, ends).map { try LabelSpan(start: $0, end: $1) }
}

/// Sample i's label reads the next `h` bars, i+1 ... i+h.
private func nextBars(_ n: Int, _ h: Int) throws -> [LabelSpan] {
    try (0..<n).map { try LabelSpan(start: $0 + 1, end: $0 + h) }
}

private func code(_ body: () throws -> Any) -> LearningError.Code? {
    do { _ = try body(); return nil } catch let e as LearningError { return e.code } catch { return nil }
}

@Suite("Validation splits")
struct SplitsTests {
    fileprivate let fixture: SplitsFixture

    init() throws { fixture = try SplitsFixture.load() }

    @Test("walk-forward matches scikit-learn TimeSeriesSplit")
    func timeSeriesSplitParity() throws {
        #expect(fixture.timeSeriesSplit.count == 5)
        for c in fixture.timeSeriesSplit {
            let wf = try WalkForward.timeSeriesSplit(n: c.n, nSplits: c.nSplits, testSize: c.testSize, gap: c.gap, maxTrainSize: c.maxTrainSize)
            let got = try wf.splits(n: c.n)
            #expect(got.count == c.splits.count, "n \(c.n) nSplits \(c.nSplits)")
            for (g, e) in zip(got, c.splits) {
                #expect(g.train == e.train && g.test == e.test, "n \(c.n) nSplits \(c.nSplits): \(g) vs \(e)")
                #expect(g.purged.isEmpty && g.embargoed.isEmpty)
            }
        }
    }

    @Test("walk-forward steps, slides, and purges by label spans")
    func walkForwardStepsAndPurges() throws {
        // Retrain every 2 samples, test 3 ahead (overlapping tests), sliding window of 5.
        let wf = try WalkForward(window: .sliding(5), testSize: 3, step: 2, gap: 1, firstTestStart: 6)
        let got = try wf.splits(n: 13)
        #expect(got.map(\.test) == [[6, 7, 8], [8, 9, 10], [10, 11, 12]])
        #expect(got.map(\.train) == [[0, 1, 2, 3, 4], [2, 3, 4, 5, 6], [4, 5, 6, 7, 8]])
        // With labels over the next h bars, the h − 1 training samples before the test are
        // purged (sample t − j reads up to t − j + h, inside the test period from t + 1, iff j < h).
        let h = 4
        let s = try nextBars(30, h)
        let purged = try WalkForward(testSize: 5, step: 5, firstTestStart: 10).splits(spans: s)
        for split in purged {
            let t = split.test[0]
            #expect(split.purged == Array((t - h + 1)..<t))
            #expect(split.train == Array(0..<(t - h + 1)))
            try LeakageGuard.check(split, spans: s)
        }
    }

    @Test("purged k-fold with embargo matches the AFML 7.1–7.2 transcription")
    func purgedKFoldParity() throws {
        #expect(fixture.purgedKfold.count == 4)
        for c in fixture.purgedKfold {
            let s = try spans(c.starts, c.ends)
            let got = try PurgedKFold(k: c.k, embargo: c.embargo).splits(spans: s)
            #expect(got == c.splits.map(\.split), "n \(c.n) k \(c.k) embargo \(c.embargo)")
            for split in got { try LeakageGuard.check(split, spans: s) }
        }
    }

    @Test("combinatorial purged CV matches skfolio CombinatorialPurgedCV: splits and paths")
    func cpcvSkfolioParity() throws {
        #expect(fixture.cpcv.count == 6)
        for c in fixture.cpcv {
            let cv = try CombinatorialPurgedCV(groups: c.nFolds, testGroups: c.nTestFolds)
            let label = "n \(c.n) N \(c.nFolds) k \(c.nTestFolds) purge \(c.purgedSize) embargo \(c.embargoSize)"
            #expect(cv.testGroupSets == c.testSetIndex, "\(label)")
            #expect(cv.pathCount == c.nTestPaths, "\(label)")
            let paths = cv.paths
            #expect(paths.count == c.nTestPaths)
            for g in 0..<c.nFolds { for p in 0..<c.nTestPaths { #expect(paths[p][g] == c.recombinedPaths[g][p], "\(label)") } }
            let ranges = try cv.groupRanges(n: c.n)
            let got = try cv.splits(n: c.n, purge: c.purgedSize, embargo: c.embargoSize)
            #expect(got.count == c.splits.count)
            for (i, (g, e)) in zip(got, c.splits).enumerated() {
                #expect(g.train == e.train, "\(label) split \(i)")
                #expect(g.test == e.tests.flatMap { $0 }, "\(label) split \(i)")
                #expect(cv.testGroupSets[i].map { Array(ranges[$0]) } == e.tests, "\(label) split \(i)")
                // Dropped rows are exactly the non-test rows skfolio leaves out of training.
                #expect(Set(g.purged + g.embargoed) == Set(0..<c.n).subtracting(e.train).subtracting(g.test))
            }
            // Each path tests every sample exactly once.
            for path in paths {
                let covered = path.enumerated().flatMap { group, split in
                    got[split].test.filter { ranges[group].contains($0) }
                }
                #expect(covered == Array(0..<c.n), "\(label)")
            }
        }
    }

    @Test("CPCV counting observations agrees with spans over the next purge + 1 bars")
    func cpcvModesAgree() throws {
        for (n, N, k, p, e) in [(30, 5, 2, 1, 1), (40, 6, 3, 2, 1), (23, 4, 2, 1, 2), (50, 7, 4, 0, 3), (60, 6, 2, 3, 4)] {
            let cv = try CombinatorialPurgedCV(groups: N, testGroups: k)
            let s = try nextBars(n, p + 1)
            let byCount = try cv.splits(n: n, purge: p, embargo: e)
            let bySpan = try cv.splits(spans: s, embargo: e)
            #expect(byCount == bySpan, "n \(n) N \(N) k \(k) purge \(p) embargo \(e)")
            for split in byCount { try LeakageGuard.check(split, spans: s) }
        }
    }

    @Test("CPCV with label spans matches the AFML transcription")
    func cpcvSpanParity() throws {
        #expect(fixture.cpcvSpans.count == 2)
        for c in fixture.cpcvSpans {
            let s = try spans(c.starts, c.ends)
            let got = try CombinatorialPurgedCV(groups: c.nFolds, testGroups: c.nTestFolds).splits(spans: s, embargo: c.embargo)
            #expect(got == c.splits.map(\.split), "n \(c.n) N \(c.nFolds) k \(c.nTestFolds)")
            for split in got { try LeakageGuard.check(split, spans: s) }
        }
    }

    @Test("every splitter's output passes the leakage guard; returning a purged row to training fails it")
    func everySplitterPassesGuard() throws {
        var rng = SplitMix64(seed: 7)
        let n = 60
        let s = try (0..<n).map { i in try LabelSpan(start: i + 1, end: i + 1 + Int(rng.next() % 7)) }
        var all: [Split] = []
        all += try WalkForward(window: .sliding(20), testSize: 6, step: 4, firstTestStart: 12).splits(spans: s)
        all += try WalkForward(testSize: 10, step: 10, firstTestStart: 10).splits(spans: s)
        all += try PurgedKFold(k: 5, embargo: 3).splits(spans: s)
        all += try CombinatorialPurgedCV(groups: 6, testGroups: 2).splits(spans: s, embargo: 2)
        var leaksTried = 0
        for split in all {
            try LeakageGuard.check(split, spans: s)
            #expect(Set(split.train).isDisjoint(with: split.test))
            if let row = split.purged.first {
                let leaky = Split(train: split.train + [row], test: split.test)
                #expect(code { try LeakageGuard.check(leaky, spans: s) } == .leakage)
                leaksTried += 1
            }
        }
        #expect(leaksTried > 20)
    }

    @Test("φ = k/N·C(N, k) paths, each split tests k groups")
    func pathCountIdentity() throws {
        for (N, k, splits) in [(6, 2, 15), (10, 8, 45), (5, 1, 5), (8, 4, 70)] {
            let cv = try CombinatorialPurgedCV(groups: N, testGroups: k)
            #expect(cv.testGroupSets.count == splits)
            #expect(cv.pathCount * N == k * splits)
            #expect(cv.testGroupSets.allSatisfy { $0.count == k })
        }
    }

    @Test("the leakage guard refuses a hand-made leaky split, naming rows and period")
    func guardRefusesLeak() throws {
        let s = try nextBars(20, 3)
        // Test rows 10...14 read bars 11...17; training row 8 reads 9...11 (leaks), row 7 reads 8...10 (clear).
        let leaky = Split(train: Array(0..<9) + Array(17..<20), test: Array(10..<15))
        do {
            try LeakageGuard.check(leaky, spans: s)
            Issue.record("leaky split passed")
        } catch let e as LearningError {
            #expect(e.code == .leakage)
            #expect(e.message.contains("training rows 8"))
            #expect(e.message.contains("bars 11...17"))
            #expect(e.message.contains("test rows 10...14"))
        }
        // Five rows are named at most.
        let wide = try (0..<20).map { _ in try LabelSpan(start: 0, end: 30) }
        do {
            try LeakageGuard.check(Split(train: Array(0..<12), test: [15]), spans: wide)
            Issue.record("leaky split passed")
        } catch let e as LearningError {
            #expect(e.message.hasPrefix("training rows 0, 1, 2, 3, 4 (and 7 more)"))
        }
        #expect(code { try LeakageGuard.check(Split(train: [1, 2], test: [2, 3]), spans: s) } == .leakage)
        #expect(code { try LeakageGuard.check(Split(train: [0], test: [20]), spans: s) } == .shapeMismatch)
        // The same split without the leaking rows passes.
        try LeakageGuard.check(Split(train: Array(0..<8) + Array(17..<20), test: Array(10..<15)), spans: s)
    }

    @Test("bad parameters throw LearningError")
    func errors() throws {
        #expect(code { try PurgedKFold(k: 1) } == .invalidArgument)
        #expect(code { try PurgedKFold(k: 3, embargo: -1) } == .invalidArgument)
        #expect(code { try PurgedKFold(k: 5).splits(spans: nextBars(4, 1)) } == .insufficientData)
        #expect(code { try CombinatorialPurgedCV(groups: 1, testGroups: 1) } == .invalidArgument)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 4) } == .invalidArgument)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 0) } == .invalidArgument)
        #expect(code { try CombinatorialPurgedCV(groups: 6, testGroups: 2).splits(spans: nextBars(5, 1)) } == .insufficientData)
        #expect(code { try CombinatorialPurgedCV(groups: 6, testGroups: 2).splits(n: 5, purge: 0, embargo: 0) } == .insufficientData)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 2).splits(n: 20, purge: 3, embargo: 1) } == .invalidArgument)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 2).splits(n: 20, purge: 2, embargo: 1) } == nil)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 2).splits(n: 20, purge: -1, embargo: 0) } == .invalidArgument)
        #expect(code { try CombinatorialPurgedCV(groups: 4, testGroups: 2).splits(spans: nextBars(20, 2), embargo: -1) } == .invalidArgument)
        #expect(code { try WalkForward(testSize: 0, step: 1, firstTestStart: 5) } == .invalidArgument)
        #expect(code { try WalkForward(testSize: 2, step: 0, firstTestStart: 5) } == .invalidArgument)
        #expect(code { try WalkForward(window: .sliding(0), testSize: 2, step: 2, firstTestStart: 5) } == .invalidArgument)
        #expect(code { try WalkForward(testSize: 2, step: 2, gap: -1, firstTestStart: 5) } == .invalidArgument)
        #expect(code { try WalkForward(testSize: 2, step: 2, firstTestStart: 9).splits(n: 10) } == .insufficientData)
        #expect(code { try WalkForward(testSize: 2, step: 2, gap: 3, firstTestStart: 3).splits(n: 10) } == .insufficientData)
        #expect(code { try WalkForward.timeSeriesSplit(n: 10, nSplits: 1) } == .invalidArgument)
        #expect(code { try WalkForward.timeSeriesSplit(n: 3, nSplits: 3) } == .insufficientData)
        #expect(code { try WalkForward.timeSeriesSplit(n: 10, nSplits: 3, testSize: 3, gap: 1) } == .insufficientData)
        #expect(code { try WalkForward.timeSeriesSplit(n: 10, nSplits: 2, testSize: 0) } == .invalidArgument)
    }
}

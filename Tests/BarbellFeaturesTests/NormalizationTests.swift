import BarbellFeatures
import Foundation
import Testing

@Suite("Normalisers")
struct NormalizationTests {
    static func fixture() throws -> (x: [Double], train: [Double], expected: CrossFixture) {
        let f = try CrossFixture.load("normalize.tsv.gz")
        let x = f["x"]
        return (x, Array(x[0..<1000]), f)
    }

    static func check(_ ours: [Double], _ reference: [Double], _ label: String) {
        for t in ours.indices where !agrees(ours[t], reference[t], relative: 1e-12, absolute: 1e-14) {
            Issue.record("\(label) row \(t): ours \(ours[t]), reference \(reference[t])")
            return
        }
    }

    @Test("z-score matches scikit-learn's StandardScaler fitted on the training window")
    func zScore() throws {
        let (x, train, f) = try Self.fixture()
        let n = try ZScoreNormalizer.fit(train)
        Self.check(try n.apply(x), f["zscore"], "zscore")
    }

    @Test("robust scaling matches scikit-learn's RobustScaler")
    func robust() throws {
        let (x, train, f) = try Self.fixture()
        Self.check(try RobustNormalizer.fit(train).apply(x), f["robust"], "robust")
    }

    @Test("rank is the empirical CDF of the training sample, as scipy's percentileofscore(kind='weak')")
    func rank() throws {
        let (x, train, f) = try Self.fixture()
        let n = try RankNormalizer.fit(train)
        Self.check(try n.apply(x), f["rank"], "rank")
        #expect(try n.apply(10) == 1 && n.apply(-10) == 0)
    }

    @Test("applying before fitting, or fitting on nothing, is a not-fitted error")
    func notFitted() throws {
        #expect(throws: FeatureError(.notFitted, "ZScoreNormalizer was applied before it was fitted; fit it on a training window first (ZScoreNormalizer.fit(train))")) {
            try ZScoreNormalizer().apply([1.0])
        }
        for sample in [[], [Double.nan, .nan]] as [[Double]] {
            do {
                _ = try RobustNormalizer.fit(sample)
                Issue.record("expected an error")
            } catch { #expect(error.code == .notFitted) }
        }
        #expect(throws: FeatureError.self) { try RankNormalizer().apply(0.5) }
        #expect(throws: FeatureError.self) { try RobustNormalizer().apply(0.5) }
    }

    @Test("fitted state survives a JSON round trip and applies identically")
    func codable() throws {
        let (x, train, _) = try Self.fixture()
        let z = try ZScoreNormalizer.fit(train), r = try RobustNormalizer.fit(train), k = try RankNormalizer.fit(train)
        let coder = (JSONEncoder(), JSONDecoder())
        let z2 = try coder.1.decode(ZScoreNormalizer.self, from: coder.0.encode(z))
        let r2 = try coder.1.decode(RobustNormalizer.self, from: coder.0.encode(r))
        let k2 = try coder.1.decode(RankNormalizer.self, from: coder.0.encode(k))
        #expect(z2 == z && r2 == r && k2 == k)
        let a = try z2.apply(x), b = try z.apply(x)
        #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern })
        // An unfitted state decodes as unfitted and still refuses to apply.
        let empty = try coder.1.decode(ZScoreNormalizer.self, from: coder.0.encode(ZScoreNormalizer(mean: 0, scale: 1, sampleCount: 0)))
        #expect(throws: FeatureError.self) { try empty.apply(1.0) }
    }

    @Test("a constant training sample centres without scaling")
    func constantSample() throws {
        #expect(try ZScoreNormalizer.fit([2, 2, 2]).apply(5.0) == 3)
        #expect(try RobustNormalizer.fit([2, 2, 2]).apply(5.0) == 3)
    }

    @Test("cross-sectional normalisation needs no fit and equals the cross-section operations")
    func crossSectional() throws {
        let panel = try CrossSectionPanel(symbols: ["A", "B", "C"], columns: [[1, 4], [2, .nan], [3, 6]])
        let z = CrossSectionalNormalizer(.zScore), r = CrossSectionalNormalizer(.rank)
        #expect(z.apply(row: [1, 2, 3]) == [-1, 0, 1])
        #expect(r.apply(panel)[2] == [1, 1])
        let decoded = try JSONDecoder().decode(CrossSectionalNormalizer.self, from: JSONEncoder().encode(r))
        #expect(decoded == r)
    }
}

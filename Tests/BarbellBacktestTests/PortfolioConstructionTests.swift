@testable import BarbellBacktest
import Foundation
import Testing

/// Score → weight rules: long/short quantiles against pandas' `rank(method="first")` on seeded
/// scores with ties and NaN (`Tests/Fixtures/backtest/sizing.py`), signal thresholds, and the
/// refusal of bad parameters.
@Suite("Portfolio construction")
struct PortfolioConstructionTests {
    struct QuantileCase: Decodable, CustomTestStringConvertible {
        let quantile: Double
        let scores: [Double?]
        let weights: [Double]
        var testDescription: String { "q \(quantile), \(scores.count) scores" }
    }
    struct Fixture: Decodable { let quantiles: [QuantileCase] }

    static let cases = BacktestFixture.load(Fixture.self, "sizing.json").quantiles

    @Test("long/short quantiles equal pandas' ranking, dollar-neutral with gross 1", arguments: cases)
    func quantiles(c: QuantileCase) throws {
        let rule = try LongShortQuantiles(quantile: c.quantile)
        let w = rule.weights(c.scores.map { $0 ?? .nan })
        #expect(w == c.weights)
        if w.contains(where: { $0 != 0 }) {
            #expect(abs(w.reduce(0, +)) < 1e-12)
            #expect(abs(w.reduce(0) { $0 + abs($1) } - 1) < 1e-12)
        }
    }

    @Test("quantile edge cases: all tied, too few valid names, q·n just under an integer")
    func quantileEdges() throws {
        let half = try LongShortQuantiles(quantile: 0.5)
        // All tied: the lower indices rank lower, so they are the shorts.
        #expect(half.weights([1, 1, 1, 1]) == [-0.25, -0.25, 0.25, 0.25])
        #expect(half.weights([.nan, 3, .nan]) == [0, 0, 0])
        #expect(half.weights([]) == [])
        #expect(try LongShortQuantiles(quantile: 0.29).legSize(valid: 100) == 29)
        #expect(try LongShortQuantiles(quantile: 0.1).legSize(valid: 9) == 0)
    }

    @Test("signal threshold: strict comparisons, NaN flat, long-only without a short threshold")
    func threshold() throws {
        let both = try SignalThreshold(long: 0.5, short: -0.5)
        #expect(both.signals([0.6, 0.5, -0.5, -0.7, .nan, 0]) == [1, 0, 0, -1, 0, 0])
        let longOnly = try SignalThreshold(long: 0)
        #expect(longOnly.signals([1, -1, .nan]) == [1, 0, 0])
        let sized = try both.weights(scores: [2, -2, 0], sizing: .fixedFraction(0.2), at: 0)
        #expect(sized == [0.2, -0.2, 0])
        let panel = try ReturnPanel(columns: [[0.01, 0.03, -0.02], [0.02, -0.01, 0.01]])
        let inv = try both.weights(scores: [2, -2], sizing: .inverseVolatility(lookback: 3, grossExposure: 1),
                                   returns: panel, at: 2)
        #expect(inv[0] > 0 && inv[1] < 0 && abs(abs(inv[0]) + abs(inv[1]) - 1) < 1e-15)
    }

    @Test("bad parameters are refused naming the parameter")
    func malformed() {
        for q in [0, -0.1, 0.51, .nan, .infinity] {
            let error = #expect(throws: BacktestError.self) { try LongShortQuantiles(quantile: q) }
            #expect(error?.code == .invalidArgument && error?.message.contains("quantile") == true)
        }
        let e1 = #expect(throws: BacktestError.self) { try SignalThreshold(long: .nan) }
        #expect(e1?.message.contains("long threshold") == true)
        let e2 = #expect(throws: BacktestError.self) { try SignalThreshold(long: 0, short: 0.1) }
        #expect(e2?.message.contains("short threshold") == true)
        let e3 = #expect(throws: BacktestError.self) { try SignalThreshold(long: 0, short: -.infinity) }
        #expect(e3?.message.contains("short threshold") == true)
    }
}

import BarbellBacktest
import Foundation
import Testing

/// The probabilistic and deflated Sharpe ratios against a scipy transcription of Bailey & López
/// de Prado (`Tests/Fixtures/backtest/sharpe_inference.py`) on the same real returns as the
/// empyrical statistics.
@Suite("Probabilistic and deflated Sharpe ratios")
struct SharpeInferenceTests {
    struct Deflated: Decodable { let trials: Int; let variance, sr0, dsr: Double }
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let periodSharpe, psr0, psr005: Double
        let deflated: [Deflated]
        var testDescription: String { name }
    }
    struct Fixture: Decodable { let cases: [Case] }

    static let cases: [Case] = BacktestFixture.load(Fixture.self, "sharpe_inference.json").cases

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test("PSR and DSR match the transcription within 1e-9", arguments: cases)
    func matchesReference(c: Case) throws {
        let stats = try #require(ReturnStatisticsTests.cases.first { $0.name == c.name })
        let r = try Returns(stats.returns, periodsPerYear: stats.periodsPerYear)
        #expect(Self.close(r.periodSharpeRatio, c.periodSharpe))
        #expect(Self.close(r.probabilisticSharpeRatio(), c.psr0), "\(r.probabilisticSharpeRatio()) vs \(c.psr0)")
        #expect(Self.close(r.probabilisticSharpeRatio(benchmark: 0.05), c.psr005))
        for d in c.deflated {
            let (dsr, sr0) = try r.deflatedSharpeRatio(trials: d.trials, sharpeVariance: d.variance)
            #expect(Self.close(sr0, d.sr0) && Self.close(dsr, d.dsr), "\(d.trials) trials: \(dsr) vs \(d.dsr)")
        }
    }

    @Test("more trials deflate more; bad trial counts are refused")
    func deflation() throws {
        let r = try Returns(ReturnStatisticsTests.cases[0].returns)
        let few = try r.deflatedSharpeRatio(trials: 5, sharpeVariance: 0.0004).dsr
        let many = try r.deflatedSharpeRatio(trials: 5_000, sharpeVariance: 0.0004).dsr
        #expect(many < few && few < r.probabilisticSharpeRatio())
        #expect(throws: BacktestError.self) { try r.deflatedSharpeRatio(trials: 1, sharpeVariance: 0.0004) }
        #expect(throws: BacktestError.self) { try r.deflatedSharpeRatio(trials: 10, sharpeVariance: -1) }
    }
}

import BarbellBacktest
import Foundation
import Testing

/// Return statistics against empyrical (and scipy for the moments) on real returns: four series
/// of bundled stocks, daily and weekly, with the S&P 500 as benchmark, from
/// `Tests/Fixtures/backtest/empyrical_stats.py`.
@Suite("Return statistics")
struct ReturnStatisticsTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let periodsPerYear: Double
        let returns: [Double]
        let benchmark: [Double]
        let totalReturn, annualReturn, annualVolatility, sharpe, sharpeRiskFree, sortino, sortinoRequired, downsideRisk: Double
        let maxDrawdown: Double
        let maxDrawdownDuration: Int
        let calmar, omega, omegaRequired, tailRatio, valueAtRisk, valueAtRisk01, conditionalValueAtRisk: Double
        let skew, kurtosis, alpha, beta: Double
        var testDescription: String { name }
    }
    struct Fixture: Decodable { let cases: [Case] }

    static let cases: [Case] = BacktestFixture.load(Fixture.self, "empyrical_stats.json").cases

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test("every statistic matches empyrical 0.7.1 and scipy within 1e-9", arguments: cases)
    func matchesEmpyrical(c: Case) throws {
        let r = try Returns(c.returns, periodsPerYear: c.periodsPerYear)
        let b = try Returns(c.benchmark, periodsPerYear: c.periodsPerYear, name: "benchmark")
        let checks: [(String, Double, Double)] = [
            ("total return", r.totalReturn, c.totalReturn), ("annual return", r.annualReturn, c.annualReturn),
            ("annual volatility", r.annualVolatility, c.annualVolatility), ("Sharpe", r.sharpeRatio(), c.sharpe),
            ("Sharpe rf", r.sharpeRatio(riskFree: 0.0001), c.sharpeRiskFree), ("Sortino", r.sortinoRatio(), c.sortino),
            ("Sortino required", r.sortinoRatio(requiredReturn: 0.0002), c.sortinoRequired),
            ("downside risk", r.downsideRisk(), c.downsideRisk), ("max drawdown", r.maxDrawdown, c.maxDrawdown),
            ("Calmar", r.calmarRatio, c.calmar), ("Omega", r.omegaRatio(), c.omega),
            ("Omega required", r.omegaRatio(requiredReturn: 0.05), c.omegaRequired), ("tail ratio", r.tailRatio, c.tailRatio),
            ("VaR 5%", r.valueAtRisk(), c.valueAtRisk), ("VaR 1%", r.valueAtRisk(cutoff: 0.01), c.valueAtRisk01),
            ("CVaR 5%", r.conditionalValueAtRisk(), c.conditionalValueAtRisk),
            ("skew", r.skewness, c.skew), ("excess kurtosis", r.excessKurtosis, c.kurtosis),
        ]
        for (name, ours, reference) in checks { #expect(Self.close(ours, reference), "\(name): \(ours) vs \(reference)") }
        #expect(r.maxDrawdownDuration == c.maxDrawdownDuration)
        let (alpha, beta) = try r.alphaBeta(benchmark: b)
        #expect(Self.close(alpha, c.alpha) && Self.close(beta, c.beta), "alpha \(alpha) vs \(c.alpha), beta \(beta) vs \(c.beta)")
    }

    @Test("bad returns are refused, naming the series and the position")
    func badInput() throws {
        #expect(throws: BacktestError.self) { try Returns([0.01]) }
        do { _ = try Returns([0.01, .nan, 0.02], name: "strategy"); Issue.record("accepted NaN") } catch {
            #expect(error.code == .nonFinite && error.message.contains("strategy") && error.message.contains("value 1"))
        }
        #expect(throws: BacktestError.self) { try Returns([0.01, -1.0]) }
        #expect(throws: BacktestError.self) { try Returns([0.01, 0.02], periodsPerYear: 0) }
        let r = try Returns([0.01, -0.02, 0.03]), b = try Returns([0.01, 0.02])
        #expect(throws: BacktestError.self) { try r.alphaBeta(benchmark: b) }
        let flat = try Returns([0.01, 0.01, 0.01])
        #expect(throws: BacktestError.self) { try r.alphaBeta(benchmark: flat) }
        #expect(flat.calmarRatio.isNaN && flat.maxDrawdown == 0 && flat.omegaRatio().isNaN)
    }
}

@testable import BarbellBacktest
import Foundation
import Testing

/// PBO by combinatorially symmetric cross-validation against a numpy/scipy transcription of
/// Bailey et al. (2015) (`Tests/Fixtures/backtest/pbo.py`): 12 real stocks as trials (no skill:
/// PBO near one half) and a seeded matrix with one skilled trial (PBO low).
@Suite("Probability of backtest overfitting")
struct BacktestOverfittingTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let blocks: Int
        let returns: [[Double]]
        let logits, inSample, outOfSample: [Double]
        let pbo, probabilityOfLoss: Double
        var testDescription: String { name }
    }
    struct Fixture: Decodable { let cases: [Case] }

    static let cases: [Case] = BacktestFixture.load(Fixture.self, "pbo.json").cases

    @Test("logits, PBO and the chosen trials' Sharpe ratios match the transcription", arguments: cases)
    func matchesReference(c: Case) throws {
        let result = try BacktestOverfitting(returns: c.returns, blocks: c.blocks)
        #expect(result.logits.count == c.logits.count)
        for (a, b) in zip(result.logits, c.logits) { #expect(abs(a - b) < 1e-12) }
        #expect(result.probability == c.pbo && result.probabilityOfLoss == c.probabilityOfLoss)
        for (a, b) in zip(result.inSample + result.outOfSample, c.inSample + c.outOfSample) {
            #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(a) vs \(b)")
        }
    }

    @Test("skill lowers PBO; bad matrices are refused naming the row")
    func behaviour() throws {
        #expect(Self.cases[1].pbo < 0.2 && Self.cases[0].pbo > 0.3)
        #expect(throws: BacktestError.self) { try BacktestOverfitting(returns: [[0.01, 0.02]], blocks: 3) }
        #expect(throws: BacktestError.self) { try BacktestOverfitting(returns: Array(repeating: [0.01], count: 40), blocks: 4) }
        do {
            var bad = Self.cases[0].returns
            bad[7][2] = .nan
            _ = try BacktestOverfitting(returns: bad, blocks: 10)
            Issue.record("accepted NaN")
        } catch { #expect(error.code == .nonFinite && error.message.contains("row 7")) }
        #expect(BacktestOverfitting.combinations(6, 3).count == 20)
    }
}

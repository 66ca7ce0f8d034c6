@testable import BarbellBacktest
import Foundation
import Testing

/// TopKDropout against pyqlib 0.9.7's own `TopkDropoutStrategy.generate_trade_decision`, driven
/// over a seeded 20-symbol × 60-date score panel with NaN and two dates of only 5 valid names
/// (`Tests/Fixtures/backtest/topk_dropout.py`): the held set after every rebalance must match.
@Suite("TopK dropout")
struct TopKDropoutTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let k, nDrop: Int
        let held: [[Int]]
        var testDescription: String { "k \(k), nDrop \(nDrop)" }
    }
    struct Fixture: Decodable { let scores: [[Double?]]; let cases: [Case] }

    static let fixture = BacktestFixture.load(Fixture.self, "topk_dropout.json")

    @Test("held sets equal Qlib's on every date", arguments: fixture.cases)
    func matchesQlib(c: Case) throws {
        var strategy = try TopKDropout(k: c.k, nDrop: c.nDrop)
        #expect(Self.fixture.scores.count == c.held.count && c.held.count == 60)
        for (t, row) in Self.fixture.scores.enumerated() {
            let w = try strategy.rebalance(row.map { $0 ?? .nan })
            #expect(strategy.held.sorted() == c.held[t], "date \(t)")
            // Equal weight 1/k per held name, nothing elsewhere.
            #expect(w.indices.allSatisfy { w[$0] == (strategy.held.contains($0) ? 1 / Double(c.k) : 0) })
        }
    }

    @Test("never sells a higher score to buy a lower one; replaces at most nDrop per date")
    func invariants() throws {
        var strategy = try TopKDropout(k: 4, nDrop: 2)
        var previous: Set<Int> = []
        for row in Self.fixture.scores {
            let scores = row.map { $0 ?? .nan }
            _ = try strategy.rebalance(scores)
            let now = Set(strategy.held)
            let sold = previous.subtracting(now), bought = now.subtracting(previous)
            #expect(bought.count <= (previous.isEmpty ? 4 : 2) && now.count <= 4)
            for s in sold where scores[s].isFinite {
                for b in bought { #expect(scores[b] >= scores[s]) }
            }
            for b in bought { #expect(scores[b].isFinite) }
            previous = now
        }
        strategy.reset()
        #expect(strategy.held.isEmpty)
    }

    @Test("nDrop 0 buys the top k once and holds them; too few names are all held")
    func edges() throws {
        var hold = try TopKDropout(k: 2, nDrop: 0)
        _ = try hold.rebalance([0.1, 0.9, 0.5])
        #expect(hold.held == [1, 2])
        _ = try hold.rebalance([0.9, 0.1, 0.0])
        #expect(hold.held == [1, 2])
        var few = try TopKDropout(k: 3, nDrop: 1)
        let w = try few.rebalance([.nan, 2, .nan, 1])
        #expect(few.held == [1, 3] && w == [0, 1.0 / 3, 0, 1.0 / 3])
        // A held name that loses its score is the first dropped.
        _ = try few.rebalance([5, .nan, .nan, 1])
        #expect(Set(few.held) == [0, 3])
    }

    @Test("bad parameters and a short score vector are refused naming them")
    func malformed() throws {
        for (k, n, name) in [(0, 0, "k"), (-1, 0, "k"), (3, 4, "nDrop"), (3, -1, "nDrop")] {
            let error = #expect(throws: BacktestError.self) { try TopKDropout(k: k, nDrop: n) }
            #expect(error?.code == .invalidArgument && error?.message.hasPrefix(name) == true)
        }
        var s = try TopKDropout(k: 2, nDrop: 1)
        _ = try s.rebalance([1, 2, 3])
        let error = #expect(throws: BacktestError.self) { try s.rebalance([1, 2]) }
        #expect(error?.code == .shapeMismatch)
    }
}

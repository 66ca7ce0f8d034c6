import BarbellData
import Testing
@testable import BarbellBacktest

/// `ScorePortfolio.targets`: rebalances only at every N-th bar that has a score, and there gives
/// exactly what the selection rule (TopK-dropout, quantiles, threshold) and the sizing rule give
/// when driven directly on the same scores.
@Suite struct ScorePortfolioTests {
    /// Seeded scores with some NaN, as `values[symbol][bar]`; bars in `blank` have no score at all.
    static func scores(_ grid: PriceGrid, seed: UInt64, blank: Set<Int> = [], missing: Double = 0.1) -> ScoreMatrix {
        var rng = SplitMix64(seed: seed)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        return ScoreMatrix(values: grid.symbols.indices.map { _ in
            (0..<grid.barCount).map { t in
                let v = u() * 2 - 1
                return blank.contains(t) || u() < missing ? .nan : v
            }
        })
    }

    /// The scores a rule sees at bar t: NaN where the symbol has no close.
    static func row(_ scores: ScoreMatrix, _ grid: PriceGrid, _ t: Int) -> [Double] {
        grid.symbols.indices.map { s in grid.close[s][t].isNaN ? .nan : scores.values[s][t] }
    }

    static func rebalanceBars(_ targets: [[Double]]) -> [Int] {
        targets[0].indices.filter { t in !targets[0][t].isNaN }
    }

    @Test func targetsOnlyAtEveryNthScoredBar() throws {
        let grid = try EngineFixture.randomGrid(symbols: 4, bars: 30, seed: 2)
        // No scores before bar 5, nor at bars 10 and 17: those bars do not count.
        let blank: Set<Int> = [0, 1, 2, 3, 4, 10, 17]
        let scores = Self.scores(grid, seed: 3, blank: blank, missing: 0)
        let portfolio = try ScorePortfolio(rule: .topKDropout(k: 2, drop: 1), every: 3)
        let targets = try portfolio.targets(scores: scores, grid: grid)
        // Scored bars 5,6,7,8,9,11,12,…: every third of them, starting with the first.
        let expected = [5, 8, 12, 15, 19, 22, 25, 28]
        for s in 0..<4 {
            #expect(targets[s].indices.filter { !targets[s][$0].isNaN } == expected, "symbol \(s)")
        }
        // Every bar rebalances with every: 1 (but never on an unscored one).
        let daily = try ScorePortfolio(rule: .topKDropout(k: 2, drop: 1)).targets(scores: scores, grid: grid)
        #expect(Self.rebalanceBars(daily) == (0..<30).filter { !blank.contains($0) })
    }

    @Test(arguments: [1, 2, 5])
    func topKDropoutEqualsTheRuleDrivenBarByBar(_ every: Int) throws {
        let grid = try EngineFixture.randomGrid(symbols: 8, bars: 120, seed: 7, gaps: true)
        let scores = Self.scores(grid, seed: 8, blank: [0, 1, 50], missing: 0.15)
        let targets = try ScorePortfolio(rule: .topKDropout(k: 3, drop: 1), every: every).targets(scores: scores, grid: grid)
        var rule = try TopKDropout(k: 3, nDrop: 1)
        var expected = [[Double]](repeating: [Double](repeating: .nan, count: grid.barCount), count: grid.symbolCount)
        var scored = 0
        for t in 0..<grid.barCount {
            let row = Self.row(scores, grid, t)
            guard row.contains(where: { !$0.isNaN }) else { continue }
            defer { scored += 1 }
            guard scored % every == 0 else { continue }
            let w = try rule.rebalance(row)
            for s in w.indices { expected[s][t] = w[s] }
        }
        #expect(RunnerTestSupport.same(targets, expected))
        #expect(Self.rebalanceBars(targets).count > 20 / every)
    }

    @Test func quantilesAndThresholdFollowTheirRules() throws {
        let grid = try EngineFixture.randomGrid(symbols: 10, bars: 40, seed: 11, gaps: true)
        let scores = Self.scores(grid, seed: 12)
        let quantiles = try ScorePortfolio(rule: .quantiles(0.2)).targets(scores: scores, grid: grid)
        let threshold = try ScorePortfolio(rule: .threshold(long: 0.3, short: -0.3)).targets(scores: scores, grid: grid)
        let q = try LongShortQuantiles(quantile: 0.2), th = try SignalThreshold(long: 0.3, short: -0.3)
        for t in 0..<grid.barCount {
            let row = Self.row(scores, grid, t)
            guard row.contains(where: { !$0.isNaN }) else {
                #expect(quantiles.allSatisfy { $0[t].isNaN } && threshold.allSatisfy { $0[t].isNaN })
                continue
            }
            #expect(quantiles.map { $0[t] } == q.weights(row), "bar \(t)")
            #expect(threshold.map { $0[t] } == th.signals(row).map { $0 / 10 }, "bar \(t)")
        }
    }

    /// Weights that follow from the rules' definitions on one cross-section.
    @Test func handCheckedCrossSection() throws {
        let grid = try EngineFixture.randomGrid(symbols: 5, bars: 1, seed: 1)
        let scores = ScoreMatrix(values: [[1], [5], [3], [2], [4]])
        // Quantile 0.2 of 5 names: one long (S1, score 5), one short (S0, score 1), half each.
        #expect(try ScorePortfolio(rule: .quantiles(0.2)).targets(scores: scores, grid: grid) == [[-0.5], [0.5], [0], [0], [0]])
        // Above 3.5 long, below 1.5 short, 1/5 of equity each.
        #expect(try ScorePortfolio(rule: .threshold(long: 3.5, short: 1.5)).targets(scores: scores, grid: grid)
                == [[-0.2], [0.2], [0], [0], [0.2]])
        // The two best of five, 1/2 each.
        #expect(try ScorePortfolio(rule: .topKDropout(k: 2, drop: 1)).targets(scores: scores, grid: grid)
                == [[0], [0.5], [0], [0], [0.5]])
    }

    @Test func symbolWithoutACloseIsUnscored() throws {
        // S1 scores best everywhere but has no bar at 2: it may not be bought there.
        let nan = Double.nan
        let grid = try PriceGrid(symbols: ["S0", "S1", "S2"], timestamps: (0..<4).map(EngineFixture.day),
                                 open: [[10, 10, 10, 10], [20, 20, nan, 20], [30, 30, 30, 30]],
                                 high: [[10, 10, 10, 10], [20, 20, nan, 20], [30, 30, 30, 30]],
                                 low: [[10, 10, 10, 10], [20, 20, nan, 20], [30, 30, 30, 30]],
                                 close: [[10, 10, 10, 10], [20, 20, nan, 20], [30, 30, 30, 30]],
                                 volume: [[1, 1, 1, 1], [1, 1, nan, 1], [1, 1, 1, 1]])
        let scores = ScoreMatrix(values: [[0.1, 0.1, 0.1, 0.1], [0.9, 0.9, 0.9, 0.9], [0.5, 0.5, 0.5, 0.5]])
        let topK = try ScorePortfolio(rule: .topKDropout(k: 1, drop: 1)).targets(scores: scores, grid: grid)
        #expect(topK == [[0, 0, 0, 0], [1, 1, 0, 1], [0, 0, 1, 0]])
        let threshold = try ScorePortfolio(rule: .threshold(long: 0.3, short: nil)).targets(scores: scores, grid: grid)
        #expect(threshold.map { $0[2] } == [0, 0, 1.0 / 3])
        // A bar whose only scores belong to symbols without a close is not a rebalance.
        let lone = ScoreMatrix(values: [[nan, nan, nan, nan], [0.9, nan, 0.9, nan], [nan, nan, nan, 0.5]])
        let sparse = try ScorePortfolio(rule: .topKDropout(k: 1, drop: 1)).targets(scores: lone, grid: grid)
        #expect(Self.rebalanceBars(sparse) == [0, 3])
        #expect(sparse.map { $0[0] } == [0, 1, 0])
        // The held S1 has no score at 3: it sorts last and is the one dropped.
        #expect(sparse.map { $0[3] } == [0, 0, 1])
    }

    @Test func sizingReplacesEqualWeightsInTheSameDirections() throws {
        let grid = try EngineFixture.randomGrid(symbols: 6, bars: 60, seed: 21)
        let scores = Self.scores(grid, seed: 22, missing: 0.05)
        let closes = grid.close.map { c in c.indices.map { t in t > 0 ? c[t] / c[t - 1] - 1 : Double.nan } }
        let panel = try ReturnPanel(columns: closes)
        let rules: [ScorePortfolio.Rule] = [.quantiles(0.34), .threshold(long: 0.2, short: -0.2), .topKDropout(k: 2, drop: 1)]
        let sizings: [PositionSizing] = [.fixedFraction(0.3), .inverseVolatility(lookback: 10, grossExposure: 0.9)]
        for rule in rules {
            let plain = try ScorePortfolio(rule: rule).targets(scores: scores, grid: grid)
            for sizing in sizings {
                let sized = try ScorePortfolio(rule: rule, sizing: sizing).targets(scores: scores, grid: grid)
                var active = 0
                for t in 0..<grid.barCount {
                    let equal = plain.map { $0[t] }
                    let got = sized.map { $0[t] }
                    guard !equal[0].isNaN else { #expect(got.allSatisfy { $0.isNaN }); continue }
                    let want = try sizing.weights(signals: equal, returns: panel, at: t)
                    for s in got.indices {
                        #expect(abs(got[s] - want[s]) <= 1e-12, "\(rule) \(sizing) bar \(t) symbol \(s): \(got[s]) vs \(want[s])")
                        // Same direction as the rule's own weight; flat where the rule is flat.
                        #expect(got[s] == 0 || got[s].sign == equal[s].sign)
                        if equal[s] == 0 { #expect(got[s] == 0) }
                        if got[s] != 0 { active += 1 }
                    }
                }
                #expect(active > 20, "\(rule) \(sizing)")
            }
        }
    }

    @Test func shapeMismatchAndBadParametersAreRefused() throws {
        let grid = try EngineFixture.randomGrid(symbols: 3, bars: 10, seed: 5)
        let portfolio = try ScorePortfolio(rule: .quantiles(0.3))
        expectBacktestError(.shapeMismatch, ["2 × 10", "3 symbols × 10 bars"]) {
            _ = try portfolio.targets(scores: ScoreMatrix(values: [[Double]](repeating: .init(repeating: 0, count: 10), count: 2)), grid: grid)
        }
        expectBacktestError(.shapeMismatch, ["3 symbols × 10 bars"]) {
            _ = try portfolio.targets(scores: ScoreMatrix(values: [[Double]](repeating: .init(repeating: 0, count: 9), count: 3)), grid: grid)
        }
        expectBacktestError(.invalidArgument, ["rebalance every 0"]) { _ = try ScorePortfolio(rule: .quantiles(0.3), every: 0) }
        expectBacktestError(.invalidArgument, ["quantile 0.7"]) { _ = try ScorePortfolio(rule: .quantiles(0.7)) }
        expectBacktestError(.invalidArgument, ["nDrop 4"]) { _ = try ScorePortfolio(rule: .topKDropout(k: 3, drop: 4)) }
        expectBacktestError(.invalidArgument, ["fraction"]) { _ = try ScorePortfolio(rule: .quantiles(0.3), sizing: .fixedFraction(-1)) }
    }
}

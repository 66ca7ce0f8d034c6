import BarbellData
import Foundation
import Testing
@testable import BarbellBacktest

/// The vectorised path must give the event engine's result exactly, not approximately.
@Suite struct VectorizedEquivalenceTests {
    static func randomTargets(_ grid: PriceGrid, seed: UInt64, shorts: Bool, changeProbability: Double = 0.08) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        let levels: [Double] = shorts ? [-0.4, -0.2, 0, 0.2, 0.3, 0.5] : [0, 0.1, 0.25, 0.4]
        return grid.symbols.indices.map { _ in
            (0..<grid.barCount).map { _ in u() < changeProbability ? levels[Int(u() * Double(levels.count))] : .nan }
        }
    }

    static func expectIdentical(_ a: BacktestResult, _ b: BacktestResult) {
        #expect(a.fills == b.fills)
        #expect(a.equity == b.equity)
        #expect(a.cash == b.cash)
        #expect(a.grossExposure == b.grossExposure)
        #expect(a.netExposure == b.netExposure)
        #expect(a.tradedValue == b.tradedValue)
        #expect(a.ledger == b.ledger)
    }

    static let settingsCases: [ExecutionSettings] = [
        ExecutionSettings(commission: CommissionSchedule(basisPoints: 10)),
        ExecutionSettings(initialCash: 50_000, commission: CommissionSchedule(basisPoints: 5, perShare: 0.005, minimum: 1),
                          slippage: .volatilityScaled(multiplier: 0.2, lookback: 20), participationLimit: 0.05,
                          allowShort: true, borrowRate: 0.03, maxLeverage: 2),
        ExecutionSettings(initialCash: 200_000, commission: CommissionSchedule(perShare: 0.01, minimum: 2),
                          slippage: .squareRootImpact(coefficient: 0.5, lookback: 30), participationLimit: 0.2,
                          allowShort: true, borrowRate: 0.05, maxLeverage: 1.5),
    ]

    @Test(arguments: 0..<3)
    func randomSignalsOnRandomMarkets(_ caseIndex: Int) throws {
        let settings = Self.settingsCases[caseIndex]
        for seed in UInt64(1)...4 {
            let grid = try EngineFixture.randomGrid(symbols: 6, bars: 700, seed: seed, gaps: true)
            let targets = Self.randomTargets(grid, seed: seed &+ 100, shorts: settings.allowShort)
            let event = try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
            let fast = try VectorizedBacktest.run(grid: grid, targets: targets, settings: settings)
            #expect(event.fills.count > 50)
            Self.expectIdentical(event, fast)
        }
    }

    @Test func realDailyBars() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        let sp500 = try MarketFile.loadBars(samples.appendingPathComponent("arch_sp500.csv.gz").path)[0].series
        let aapl = try MarketFile.loadBars(samples.appendingPathComponent("zipline_csvdir_AAPL.csv.gz").path)[0].series
        let grid = try PriceGrid(series: [sp500, aapl])
        // A 20/50-day momentum signal on each: long when the 20-day return is positive.
        let targets = grid.close.map { c in
            c.indices.map { t -> Double in
                guard t >= 20, !c[t].isNaN, !c[t - 20].isNaN else { return .nan }
                return c[t] > c[t - 20] ? 0.5 : 0
            }
        }
        for settings in Self.settingsCases {
            let event = try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
            let fast = try VectorizedBacktest.run(grid: grid, targets: targets, settings: settings)
            #expect(event.fills.count > 100)
            Self.expectIdentical(event, fast)
        }
    }

    @Test func sweepMatchesSingleRunsAndIsThreadIndependent() throws {
        let grid = try EngineFixture.randomGrid(symbols: 3, bars: 500, seed: 9)
        let settings = Self.settingsCases[1]
        let outcomes = try VectorizedBacktest.sweep(grid: grid, variants: 16, settings: settings) { i throws(BacktestError) in
            Self.randomTargets(grid, seed: UInt64(i), shorts: true)
        }
        #expect(outcomes.map(\.index) == Array(0..<16))
        for i in [0, 7, 15] {
            let single = try VectorizedBacktest.run(grid: grid, targets: Self.randomTargets(grid, seed: UInt64(i), shorts: true), settings: settings)
            #expect(outcomes[i] == VectorizedBacktest.summary(i, single))
            #expect(outcomes[i].finalEquity == single.finalEquity)
        }
    }

    @Test func misalignedOrInvalidSignalsAreRefused() throws {
        let grid = try EngineFixture.randomGrid(symbols: 2, bars: 50, seed: 1)
        let short = [[Double]](repeating: [Double](repeating: 0, count: 49), count: 2)
        #expect { try VectorizedBacktest.run(grid: grid, targets: short) } throws: { error in
            (error as? BacktestError)?.message.contains("49 values for 50 bars") == true
        }
        var bad = [[Double]](repeating: [Double](repeating: .nan, count: 50), count: 2)
        bad[1][7] = -0.5
        #expect { try VectorizedBacktest.run(grid: grid, targets: bad) } throws: { error in
            (error as? BacktestError)?.message.contains("S1 at bar 7") == true
        }
        bad[1][7] = .infinity
        #expect(throws: BacktestError.self) { try VectorizedBacktest.run(grid: grid, targets: bad) }
        #expect(throws: BacktestError.self) { try VectorizedBacktest.run(grid: grid, targets: [bad[0]]) }
        let flat = [[Double]](repeating: [Double](repeating: .nan, count: 50), count: 2)
        #expect { try VectorizedBacktest.run(grid: grid, targets: flat, settings: ExecutionSettings(sameBarFills: true)) } throws: { error in
            (error as? BacktestError)?.message.contains("event engine") == true
        }
    }
}

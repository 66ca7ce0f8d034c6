import BarbellData
import Foundation
import Testing
@testable import BarbellBacktest

/// The engine's execution rules on hand-made bars, each checked against the rule's definition.
@Suite struct EventEngineTests {
    // bar: (open, high, low, close)
    static let bars: [(Double, Double, Double, Double)] = [(10, 11, 9, 10), (12, 13, 11, 12), (13, 14, 12, 13), (12, 14, 11, 12)]

    func run(_ script: [Int: [OrderRequest]], bars: [(Double, Double, Double, Double)] = bars,
             settings: ExecutionSettings = ExecutionSettings(), volume: Double = 1_000_000) throws -> (BacktestResult, ScriptedStrategy) {
        var strategy = ScriptedStrategy(script)
        let result = try EventEngine(grid: EngineFixture.grid(bars, volume: volume), settings: settings).run(&strategy)
        return (result, strategy)
    }

    @Test func marketOrdersFillAtTheNextOpen() throws {
        let (r, s) = try run([0: [.buy(0, 10)]])
        #expect(r.fills.count == 1)
        #expect(r.fills[0].bar == 1 && r.fills[0].price == 12 && r.fills[0].quantity == 10)
        #expect(s.fillsSeen == r.fills)
        #expect(r.cash[3] == Double(1_000_000 - 120))
        #expect(r.equity[2] == Double(1_000_000 - 120 + 10 * 13))
        #expect(r.grossExposure[2] == 130 && r.netExposure[2] == 130)
        #expect(r.tradedValue[1] == 120 && r.tradedValue[2] == 0)
    }

    @Test func sameBarFillsOnlyWhenEnabled() throws {
        let (r, _) = try run([0: [.buy(0, 10)]], settings: ExecutionSettings(sameBarFills: true))
        #expect(r.fills.map(\.bar) == [0])
        #expect(r.fills[0].price == 10)
        #expect(r.equity[0] == 1_000_000)
    }

    @Test func commissionsChargeRatePerShareAndMinimum() throws {
        let schedule = CommissionSchedule(basisPoints: 10, perShare: 0.01, minimum: 1)
        let (small, _) = try run([0: [.buy(0, 10)]], settings: ExecutionSettings(commission: schedule))
        #expect(small.fills[0].commission == 1)
        let (large, _) = try run([0: [.buy(0, 1000)]], settings: ExecutionSettings(commission: schedule))
        let expected: Double = 1000 * 12 * 0.001 + 1000 * 0.01
        #expect(large.fills[0].commission == expected)
        let spent: Double = 1000 * 12 + large.fills[0].commission
        #expect(large.cash[1] == 1_000_000 - spent)
    }

    @Test func fixedSlippageMovesPriceAgainstTheTrader() throws {
        let (r, _) = try run([0: [.buy(0, 10)], 1: [.sell(0, 10)]], settings: ExecutionSettings(slippage: .fixedBasisPoints(50)))
        let buy: Double = 12 * (1 + 0.005), sell: Double = 13 * (1 - 0.005), cost: Double = 10 * 12 * 0.005
        #expect(r.fills[0].price == buy)
        #expect(r.fills[1].price == sell)
        #expect(abs(r.fills[0].slippage - cost) < 1e-12)
    }

    @Test func volatilityAndImpactUseOnlyEarlierBars() throws {
        let grid = try EngineFixture.randomGrid(symbols: 1, bars: 60, seed: 3)
        let closes = grid.close[0]
        let logReturns = (1...40).map { log(closes[$0] / closes[$0 - 1]) }   // returns known before bar 41
        let window = Array(logReturns.suffix(20))
        let mean = window.reduce(0, +) / 20
        let sigma = (window.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 19).squareRoot()
        let adv = grid.volume[0][21...40].reduce(0, +) / 20

        var strategy = ScriptedStrategy([40: [.buy(0, 500)]])
        let scaled = try EventEngine(grid: grid, settings: ExecutionSettings(slippage: .volatilityScaled(multiplier: 0.5, lookback: 20))).run(&strategy)
        #expect(abs(scaled.fills[0].price / (grid.open[0][41] * (1 + 0.5 * sigma)) - 1) < 1e-14)

        strategy = ScriptedStrategy([40: [.buy(0, 500)]])
        let impact = try EventEngine(grid: grid, settings: ExecutionSettings(slippage: .squareRootImpact(coefficient: 0.8, lookback: 20))).run(&strategy)
        let expected = grid.open[0][41] * (1 + 0.8 * sigma * (500 / adv).squareRoot())
        #expect(abs(impact.fills[0].price / expected - 1) < 1e-14)
    }

    @Test func participationLimitSplitsFillsAcrossBars() throws {
        let settings = ExecutionSettings(participationLimit: 0.1)
        let (gtc, _) = try run([0: [.buy(0, 25)]], settings: settings, volume: 100)
        #expect(gtc.fills.map(\.quantity) == [10, 10, 5])
        #expect(gtc.fills.map(\.bar) == [1, 2, 3])
        #expect(gtc.orderLog.filter { $0.kind == .partiallyFilled }.count == 2)
        let (day, _) = try run([0: [.buy(0, 25, timeInForce: .day)]], settings: settings, volume: 100)
        #expect(day.fills.map(\.quantity) == [10])
        #expect(day.orderLog.last?.kind == .cancelled)
    }

    @Test func limitAndStopPrices() throws {
        func fillPrice(_ request: OrderRequest) throws -> Double? { try run([0: [request]]).0.fills.first?.price }
        #expect(try fillPrice(.buy(0, 1, type: .limit(11.5))) == 11.5)        // low 11 reaches it
        #expect(try fillPrice(.buy(0, 1, type: .limit(12.5))) == 12)          // opens below: better price
        #expect(try fillPrice(.sell(0, 1, type: .limit(12.5))) == nil)        // no position to sell
        #expect(try fillPrice(.buy(0, 1, type: .stop(12.5))) == 12.5)
        #expect(try fillPrice(.buy(0, 1, type: .stop(11.5))) == 12)           // gaps through the stop
        #expect(try fillPrice(.buy(0, 1, type: .stopLimit(stop: 12.5, limit: 12.8))) == 12.5)
        let (waits, _) = try run([0: [.buy(0, 1, type: .stopLimit(stop: 12.5, limit: 12.2))]])
        #expect(waits.fills.map(\.bar) == [2] && waits.fills[0].price == 12.2)  // triggered at 1, limit reached at 2
        let (never, _) = try run([0: [.buy(0, 1, type: .limit(5), timeInForce: .day)]])
        #expect(never.fills.isEmpty && never.orderLog.last?.kind == .cancelled)
        let (stopSell, _) = try run([0: [.buy(0, 1)], 1: [.sell(0, 1, type: .stop(12.5))]])
        #expect(stopSell.fills.last?.price == 12.5 && stopSell.fills.last?.bar == 2)   // low 12 ≤ 12.5 at bar 2
    }

    @Test func bracketTakesProfitOrStopsOutOneCancelsOther() throws {
        let bracket = Bracket(takeProfit: .fraction(0.1), stopLoss: .fraction(0.05))
        let (profit, _) = try run([0: [.buy(0, 10, bracket: bracket)]])
        let takeProfit: Double = 12 * 1.1
        #expect(profit.fills.map(\.price) == [12, takeProfit])
        #expect(profit.ledger.shares[0] == 0)
        #expect(profit.orderLog.contains { $0.kind == .cancelled && ($0.reason ?? "").contains("one-cancels-other") })
        // Both exits reachable in bar 2: the stop-loss is assumed first.
        let both: [(Double, Double, Double, Double)] = [(10, 11, 9, 10), (12, 13, 11.5, 12), (12, 14, 11, 12), (12, 12, 12, 12)]
        let (stopped, _) = try run([0: [.buy(0, 10, bracket: bracket)]], bars: both)
        let stopLoss: Double = 12 * 0.95
        #expect(stopped.fills.map(\.price) == [12, stopLoss])
        #expect(stopped.ledger.shares[0] == 0)
    }

    @Test func timeInForceAndTimers() throws {
        let (expired, _) = try run([0: [.buy(0, 1, type: .limit(5), timeInForce: .goodTill(EngineFixture.day(2)))]])
        #expect(expired.orderLog.contains { $0.kind == .expired && $0.bar == 2 })
        let (ended, _) = try run([0: [.buy(0, 1, type: .limit(5))]])
        #expect(ended.orderLog.last?.kind == .expired)
        #expect(ended.orderLog.last?.reason?.contains("ended") == true)

        struct TimerStrategy: Strategy {
            var fired: [Int] = []
            mutating func start(_ c: inout StrategyContext) { c.schedule(at: EngineFixture.day(2), id: 7) }
            mutating func onBar(_ c: inout StrategyContext) {}
            mutating func onTimer(_ id: Int, _ c: inout StrategyContext) { fired.append(c.bar * 100 + id) }
        }
        var timer = TimerStrategy()
        _ = try EventEngine(grid: EngineFixture.grid(Self.bars)).run(&timer)
        #expect(timer.fired == [207])
    }

    @Test func cashNeverGoesNegativeWithoutMargin() throws {
        let settings = ExecutionSettings(initialCash: 1000, commission: CommissionSchedule(basisPoints: 10))
        let (r, _) = try run([0: [.buy(0, 100)]], settings: settings)
        let affordable: Double = 1000 / (12 * (1 + 0.001))
        #expect(r.fills[0].quantity == affordable)
        #expect(r.cash.allSatisfy { $0 >= -1e-9 })
        #expect(r.orderLog.contains { $0.kind == .cancelled && ($0.reason ?? "").contains("insufficient cash") })
        let margin = ExecutionSettings(initialCash: 1000, maxLeverage: 2)
        let (levered, _) = try run([0: [.buy(0, 100)]], settings: margin)
        #expect(levered.fills[0].quantity == 100)
        #expect(levered.cash[1] == -200.0)
    }

    @Test func shortsNeedPermissionAndPayBorrow() throws {
        let (refused, _) = try run([0: [.sell(0, 10)]])
        #expect(refused.fills.isEmpty)
        #expect(refused.orderLog.first?.kind == .rejected && refused.orderLog.first?.reason?.contains("short selling is disabled") == true)
        let settings = ExecutionSettings(allowShort: true, borrowRate: 0.1, periodsPerYear: 252)
        let (short, _) = try run([0: [.sell(0, 10)]], settings: settings)
        #expect(short.fills[0].quantity == -10)
        let fee1: Double = 10 * 12 * 0.1 / 252, fee2: Double = 10 * 13 * 0.1 / 252, fee3: Double = 10 * 12 * 0.1 / 252
        let afterOne: Double = 1_000_000 + 120 - fee1, afterTwo: Double = 1_000_000 + 120 - fee1 - fee2
        #expect(short.cash[1] == afterOne)
        #expect(short.cash[2] == afterTwo)
        #expect(abs(short.ledger.borrowPaid - (fee1 + fee2 + fee3)) < 1e-12)
    }

    @Test func badOrdersAreRejectedWithTheReason() throws {
        let (r, _) = try run([0: [.buy(5, 10), .buy(0, -3), .buy(0, .nan), .buy(0, 1, type: .limit(.nan)),
                                  OrderRequest(symbol: 0, side: .buy, size: .targetPercent(3))]])
        let reasons = r.orderLog.filter { $0.kind == .rejected }.compactMap(\.reason)
        #expect(reasons.count == 5)
        #expect(reasons[0].contains("unknown symbol index 5"))
        #expect(reasons[1].contains("size -3.0") && reasons[1].contains("> 0"))
        #expect(reasons[2].contains("size nan"))
        #expect(reasons[3].contains("limit price nan"))
        #expect(reasons[4].contains("leverage limit"))
        #expect(r.fills.isEmpty)
    }

    @Test func missingPriceDefersTheOrderAndSaysSo() throws {
        let grid = try PriceGrid(symbols: ["A", "B"], timestamps: (0..<3).map(EngineFixture.day),
                                 open: [[10, 11, 12], [20, .nan, 22]], high: [[10, 11, 12], [20, .nan, 22]],
                                 low: [[10, 11, 12], [20, .nan, 22]], close: [[10, 11, 12], [20, .nan, 22]],
                                 volume: [[1, 1, 1], [1, .nan, 1]])
        var strategy = ScriptedStrategy([0: [.buy(1, 1)]])
        let r = try EventEngine(grid: grid).run(&strategy)
        #expect(r.fills.map(\.bar) == [2] && r.fills[0].price == 22)
        let deferral = try #require(r.orderLog.first { $0.kind == .deferred })
        #expect(deferral.bar == 1 && deferral.reason?.contains("no price for B") == true)
        // Valued at its last close while absent.
        strategy = ScriptedStrategy([0: [.buy(1, 1, timeInForce: .day)]])
        let day = try EventEngine(grid: grid).run(&strategy)
        #expect(day.fills.isEmpty && day.orderLog.last?.kind == .cancelled)
    }

    @Test func invalidGridsAndSettingsAreRefused() throws {
        #expect(throws: BacktestError.self) { try EngineFixture.grid([(10, 11, 9, -1)]) }
        #expect(throws: BacktestError.self) {
            try PriceGrid(symbols: ["A"], timestamps: [EngineFixture.day(1), EngineFixture.day(0)],
                          open: [[1, 1]], high: [[1, 1]], low: [[1, 1]], close: [[1, 1]], volume: [[1, 1]])
        }
        #expect(throws: BacktestError.self) {
            try PriceGrid(symbols: ["A"], timestamps: [EngineFixture.day(0)],
                          open: [[1, 1]], high: [[1]], low: [[1]], close: [[1]], volume: [[1]])
        }
        #expect(throws: BacktestError.self) {
            try EventEngine(grid: EngineFixture.grid(Self.bars), settings: ExecutionSettings(maxLeverage: 0.5))
        }
    }
}

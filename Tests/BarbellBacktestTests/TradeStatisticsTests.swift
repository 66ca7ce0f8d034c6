import BarbellData
import Testing
@testable import BarbellBacktest

/// Trade statistics against pyfolio's round-trip tables, and path statistics against pyfolio's
/// `get_turnover` (trades.json).
@Suite("Trade statistics")
struct TradeStatisticsTests {
    struct Fixture: Decodable {
        struct Statistics: Decodable {
            let trades, wins, losses, longTrades, shortTrades: Int
            let hitRate, grossProfit, grossLoss, expectancy, averageWin, averageLoss, largestWin, largestLoss: Double
            let averageBarsHeld, medianBarsHeld: Double
            let profitFactor, payoffRatio: Double?
        }
        struct Path: Decodable {
            let equity, grossExposure, tradedValue: [Double]
            let periodsPerYear, averageTurnover, annualTurnover, timeInMarket, averageExposure: Double
        }
        let statistics: Statistics
        let path: Path
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test("statistics of the fixture's round trips equal pyfolio's")
    func matchesPyfolio() throws {
        let expected = BacktestFixture.load(Fixture.self, "trades.json").statistics
        let trips = try RoundTrips.from(fills: RoundTripTests.fixtureFills(), symbolCount: 3)
        let s = try TradeStatistics(roundTrips: trips.closed)
        #expect(s.trades == expected.trades && s.wins == expected.wins && s.losses == expected.losses)
        #expect(s.longTrades == expected.longTrades && s.shortTrades == expected.shortTrades)
        for (name, ours, theirs) in [("hit rate", s.hitRate, expected.hitRate), ("gross profit", s.grossProfit, expected.grossProfit),
                                     ("gross loss", s.grossLoss, expected.grossLoss), ("expectancy", s.expectancy, expected.expectancy),
                                     ("average win", s.averageWin, expected.averageWin), ("average loss", s.averageLoss, expected.averageLoss),
                                     ("largest win", s.largestWin, expected.largestWin), ("largest loss", s.largestLoss, expected.largestLoss),
                                     ("average bars", s.averageBarsHeld, expected.averageBarsHeld),
                                     ("median bars", s.medianBarsHeld, expected.medianBarsHeld),
                                     ("profit factor", s.profitFactor, expected.profitFactor),
                                     ("payoff", s.payoffRatio, expected.payoffRatio)] as [(String, Double?, Double?)] {
            #expect(Self.close(ours, theirs), "\(name): \(String(describing: ours)) vs \(String(describing: theirs))")
        }
    }

    static func trip(_ pnl: Double, bars: Int, _ direction: TradeDirection = .long) -> RoundTrip {
        RoundTrip(symbol: 0, direction: direction, quantity: 1, entryBar: 0, entryTimestamp: Timestamp(seconds: 0), exitBar: bars,
                  exitTimestamp: Timestamp(seconds: 0), entryPrice: 100, exitPrice: 100 + pnl, grossPnL: pnl, commission: 0, slippage: 0)
    }

    @Test("without losses the profit factor and payoff ratio are nil; a flat trade is neither win nor loss")
    func noLosses() throws {
        let s = try TradeStatistics(roundTrips: [Self.trip(5, bars: 1), Self.trip(0, bars: 4), Self.trip(3, bars: 2, .short)])
        #expect(s.wins == 2 && s.losses == 0 && s.profitFactor == nil && s.payoffRatio == nil && s.averageLoss == nil)
        #expect(Self.close(s.hitRate, 2.0 / 3) && s.averageWin == 4 && s.largestLoss == 0 && s.medianBarsHeld == 2)
        #expect(s.longTrades == 2 && s.shortTrades == 1)
    }

    @Test("no round trips or a non-finite pnl is an error")
    func badTrips() {
        #expect(throws: BacktestError(.insufficientData, "trade statistics: no closed round trips")) {
            try TradeStatistics(roundTrips: [])
        }
        #expect(throws: BacktestError.self) { try TradeStatistics(roundTrips: [Self.trip(1, bars: 1), Self.trip(.nan, bars: 1)]) }
    }

    @Test("turnover and exposure of a path equal pyfolio's turnover (portfolio-value denominator)")
    func pathMatchesPyfolio() throws {
        let p = BacktestFixture.load(Fixture.self, "trades.json").path
        let s = try PathStatistics(equity: p.equity, grossExposure: p.grossExposure, tradedValue: p.tradedValue,
                                   periodsPerYear: p.periodsPerYear)
        #expect(Self.close(s.averageTurnover, p.averageTurnover) && Self.close(s.annualTurnover, p.annualTurnover))
        #expect(Self.close(s.timeInMarket, p.timeInMarket) && Self.close(s.averageExposure, p.averageExposure))
        #expect(s.maxExposure >= s.averageExposureWhenInvested! && s.averageExposureWhenInvested! >= s.averageExposure)
    }

    @Test("misaligned, non-finite or negative path inputs name the series and bar")
    func badPath() {
        func message(_ e: [Double], _ g: [Double], _ t: [Double]) -> String? {
            do { _ = try PathStatistics(equity: e, grossExposure: g, tradedValue: t); return nil } catch { return error.message }
        }
        #expect(message([1, 1], [0], [0, 0])?.contains("2 equity values, 1 gross exposures") == true)
        #expect(message([1, .nan], [0, 0], [0, 0])?.contains("equity at bar 1") == true)
        #expect(message([1, 0], [0, 0], [0, 0])?.contains("equity at bar 1 is 0.0") == true)
        #expect(message([1, 1], [0, 0], [0, -1])?.contains("traded value at bar 1") == true)
        #expect(message([], [], []) != nil)
    }
}

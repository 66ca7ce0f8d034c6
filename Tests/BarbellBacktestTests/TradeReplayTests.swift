import BarbellData
import Testing
@testable import BarbellBacktest

/// Trades replayed as the engine's events: one bar per distinct trade time of a symbol, symbols
/// merged in time order, an order decided at one trade filled at that symbol's next trade.
@Suite struct TradeReplayTests {
    static func t(_ ms: Int64) -> Timestamp { Timestamp(nanoseconds: 1_700_000_000_000_000_000 + ms * 1_000_000) }

    @Test func tradesBecomeBarsInTimeOrderAcrossSymbols() throws {
        let a = TradeSeries(symbol: "BTC", trades: [
            Trade(timestamp: Self.t(0), price: 100, size: 1), Trade(timestamp: Self.t(0), price: 101, size: 2),
            Trade(timestamp: Self.t(5), price: 99, size: 1), Trade(timestamp: Self.t(9), price: 102, size: 3)])
        let b = TradeSeries(symbol: "ETH", trades: [Trade(timestamp: Self.t(3), price: 10, size: 5), Trade(timestamp: Self.t(9), price: 11, size: 1)])
        let grid = try PriceGrid(trades: [a, b])
        #expect(grid.timestamps == [Self.t(0), Self.t(3), Self.t(5), Self.t(9)])
        #expect(grid.open[0][0] == 100 && grid.high[0][0] == 101 && grid.close[0][0] == 101 && grid.volume[0][0] == 3)
        #expect(grid.close[0][1].isNaN && grid.close[1][1] == 10)

        var strategy = ScriptedStrategy([0: [.buy(0, 1), .buy(1, 2)]])
        let result = try EventEngine(grid: grid).run(&strategy)
        // BTC's next trade after t0 is at t5 (99); ETH's first trade is at t3 (10).
        #expect(result.fills.map(\.bar) == [1, 2])
        #expect(result.fills.map(\.price) == [10, 99])
    }

    @Test func malformedTradesAreRefused() throws {
        let backwards = TradeSeries(symbol: "X", trades: [Trade(timestamp: Self.t(5), price: 1, size: 1), Trade(timestamp: Self.t(1), price: 1, size: 1)])
        #expect { try PriceGrid(trades: [backwards]) } throws: { ($0 as? BacktestError)?.message.contains("trade 1") == true }
        let negative = TradeSeries(symbol: "X", trades: [Trade(timestamp: Self.t(1), price: -1, size: 1)])
        #expect { try PriceGrid(trades: [negative]) } throws: { ($0 as? BacktestError)?.message.contains("price -1.0") == true }
        #expect(throws: BacktestError.self) { try PriceGrid(trades: [TradeSeries(symbol: "X")]) }
    }
}

import BarbellData
import Foundation
import Testing
@testable import BarbellBacktest

/// The engine against backtrader and the vectorised path against vectorbt, on the same data,
/// rules and costs (`Benchmarks/reference/backtrader_crossover.py --fixture`,
/// `Benchmarks/reference/vectorbt_signals.py --fixture`).
@Suite struct PeerAgreementTests {
    struct Backtrader: Decodable {
        struct Order: Decodable { let bar: Int; let size: Double; let price: Double; let commission: Double }
        struct Trade: Decodable { let entryBar: Int; let exitBar: Int; let size: Double; let pnl: Double; let pnlcomm: Double }
        let bars: Int
        let orders: [Order]
        let trades: [Trade]
        let finalCash: Double
        let finalValue: Double
    }

    struct Vectorbt: Decodable {
        struct Trade: Decodable {
            let entryIndex: Int; let exitIndex: Int?; let size: Double; let entryPrice: Double; let exitPrice: Double
            let entryFees: Double; let exitFees: Double; let pnl: Double
        }
        struct Column: Decodable {
            let column: Int; let firstOpen: [Double]; let firstClose: [Double]; let trades: [Trade]
            let finalValue: Double; let finalCash: Double
        }
        struct Parameters: Decodable { let bars: Int; let seed: UInt64; let fees: Double; let initCash: Double }
        let parameters: Parameters
        let columns: [Column]
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test func crossoverMatchesBacktrader() throws {
        let reference = BacktestFixture.load(Backtrader.self, "backtrader_crossover.json")
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/arch_sp500.csv.gz")
        let grid = try PriceGrid(series: [MarketFile.loadBars(samples.path)[0].series])
        #expect(grid.barCount == reference.bars)
        let engine = try EventEngine(grid: grid, settings: ExecutionSettings(initialCash: 1_000_000, commission: CommissionSchedule(basisPoints: 10)))
        let result = engine.run(try MovingAverageCrossover(fast: 10, slow: 30, entry: .shares(100)))

        #expect(result.fills.count == reference.orders.count)
        for (fill, order) in zip(result.fills, reference.orders) {
            #expect(fill.bar == order.bar)
            #expect(fill.quantity == order.size)
            #expect(Self.close(fill.price, order.price))
            #expect(Self.close(fill.commission, order.commission))
        }
        #expect(Self.close(result.ledger.cash, reference.finalCash))
        #expect(Self.close(result.finalEquity, reference.finalValue))
        // Round trips: entry and exit bars and profit after commission, as backtrader's trades.
        let exits = result.fills.filter { $0.quantity < 0 }
        let entries = result.fills.filter { $0.quantity > 0 }
        #expect(exits.count == reference.trades.count)
        for (i, trade) in reference.trades.enumerated() where i < exits.count {
            #expect(entries[i].bar == trade.entryBar && exits[i].bar == trade.exitBar)
            let pnl = (exits[i].price - entries[i].price) * trade.size
            #expect(Self.close(pnl, trade.pnl, 1e-8))
            #expect(Self.close(pnl - entries[i].commission - exits[i].commission, trade.pnlcomm, 1e-8))
        }
    }

    @Test func vectorisedSignalsMatchVectorbt() throws {
        let reference = BacktestFixture.load(Vectorbt.self, "vectorbt_signals.json")
        let settings = ExecutionSettings(initialCash: reference.parameters.initCash,
                                         commission: CommissionSchedule(basisPoints: reference.parameters.fees * 10_000))
        #expect(settings.commission.rate == reference.parameters.fees)
        for column in reference.columns {
            let market = SyntheticMarket(bars: reference.parameters.bars, column: column.column, seed: reference.parameters.seed)
            #expect(Array(market.open.prefix(5)) == column.firstOpen)
            #expect(Array(market.close.prefix(5)) == column.firstClose)
            let result = try VectorizedBacktest.run(grid: market.grid(), targets: [market.targets], settings: settings)
            let buys = result.fills.filter { $0.quantity > 0 }, sells = result.fills.filter { $0.quantity < 0 }
            #expect(buys.count == column.trades.count)
            for (i, trade) in column.trades.enumerated() where i < buys.count {
                #expect(buys[i].bar == trade.entryIndex)
                #expect(Self.close(buys[i].quantity, trade.size))
                #expect(Self.close(buys[i].price, trade.entryPrice))
                #expect(Self.close(buys[i].commission, trade.entryFees))
                if let exit = trade.exitIndex {
                    #expect(i < sells.count && sells[i].bar == exit)
                    if i < sells.count {
                        #expect(Self.close(-sells[i].quantity, trade.size))
                        #expect(Self.close(sells[i].price, trade.exitPrice))
                        #expect(Self.close(sells[i].commission, trade.exitFees))
                    }
                } else {
                    #expect(i == sells.count)
                }
            }
            #expect(Self.close(result.finalEquity, column.finalValue))
            #expect(Self.close(result.ledger.cash, column.finalCash))
        }
    }
}

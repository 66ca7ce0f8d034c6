import BarbellData
import Testing
@testable import BarbellBacktest

/// Round trips: FIFO lots per symbol, one round trip per closing fill (pyfolio's definition),
/// checked on hand-built sequences and against pyfolio's `extract_round_trips` (trades.json).
@Suite("Round trips")
struct RoundTripTests {
    static func fill(_ symbol: Int, _ bar: Int, _ quantity: Double, _ price: Double, commission: Double = 0, order: Int = 0) -> Fill {
        Fill(orderID: order, symbol: symbol, bar: bar, timestamp: Timestamp(seconds: Int64(bar) * 86_400), quantity: quantity,
             price: price, commission: commission, slippage: 0)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    @Test("a scale-in, a partial exit, a flip long to short, and the open short marked at the end")
    func scaleInPartialExitFlip() throws {
        let fills = [Self.fill(0, 0, 10, 100, commission: 1), Self.fill(0, 2, 10, 110, commission: 1),
                     Self.fill(0, 5, -15, 120, commission: 1.5), Self.fill(0, 7, -10, 90, commission: 1)]
        let trips = try RoundTrips.from(fills: fills, symbolCount: 1)
        #expect(trips.closed.count == 2)
        // 15 sold: all of the first lot and half the second.
        let a = trips.closed[0]
        #expect(a.direction == .long && a.quantity == 15 && a.entryBar == 0 && a.exitBar == 5 && a.barsHeld == 5)
        #expect(Self.close(a.entryPrice, 1550.0 / 15) && a.exitPrice == 120)
        #expect(Self.close(a.grossPnL, 15 * 120 - 1550))
        #expect(Self.close(a.commission, 1 + 0.5 + 1.5))
        #expect(Self.close(a.netPnL, 250 - 3) && Self.close(a.returnOnEntry, 247.0 / 1550))
        // The sale of 10 closes the 5 left at 110 and opens a 5-share short at 90.
        let b = trips.closed[1]
        #expect(b.direction == .long && b.quantity == 5 && b.entryBar == 2 && b.exitBar == 7)
        #expect(Self.close(b.grossPnL, -100) && Self.close(b.commission, 0.5 + 0.5))
        #expect(trips.open == [OpenPosition(symbol: 0, direction: .short, quantity: 5, entryBar: 7,
                                            entryTimestamp: Timestamp(seconds: 7 * 86_400), entryPrice: 90, commission: 0.5, slippage: 0)])
        let marked = try trips.closingOpen(prices: [80], bar: 9, timestamp: Timestamp(seconds: 9 * 86_400))
        #expect(marked.count == 3)
        #expect(marked[2].direction == .short && Self.close(marked[2].grossPnL, 50) && Self.close(marked[2].netPnL, 49.5))
        #expect(marked[2].barsHeld == 2)
    }

    @Test("a short covered in two parts; symbols are matched separately and fills taken in bar order")
    func shortsAndSymbols() throws {
        let fills = [Self.fill(1, 3, 8, 20), Self.fill(0, 0, -20, 50), Self.fill(0, 1, 5, 45), Self.fill(1, 4, -8, 19),
                     Self.fill(0, 2, 15, 55)]  // out of bar order on purpose
        let trips = try RoundTrips.from(fills: fills, symbolCount: 2)
        let bySymbol = trips.closed.sorted { ($0.symbol, $0.exitBar) < ($1.symbol, $1.exitBar) }
        #expect(bySymbol.map(\.direction) == [.short, .short, .long])
        #expect(bySymbol.map(\.quantity) == [5, 15, 8])
        #expect(Self.close(bySymbol[0].grossPnL, 25) && Self.close(bySymbol[1].grossPnL, -75) && Self.close(bySymbol[2].grossPnL, -8))
        #expect(trips.open.isEmpty)
    }

    @Test("fractional lots that sum to the exit leave nothing open")
    func fractionalLots() throws {
        let trips = try RoundTrips.from(fills: [Self.fill(0, 0, 0.1, 10), Self.fill(0, 1, 0.1, 10), Self.fill(0, 2, 0.1, 10),
                                                Self.fill(0, 3, -0.3, 11)], symbolCount: 1)
        #expect(trips.closed.count == 1 && trips.open.isEmpty)
        #expect(Self.close(trips.closed[0].grossPnL, 0.3))
    }

    struct Fixture: Decodable {
        struct FixtureFill: Decodable { let symbol, bar: Int; let quantity, price: Double }
        struct Trip: Decodable { let symbol: Int; let long: Bool; let entryBar, exitBar: Int; let pnl, returnOnEntry: Double }
        let library: String
        let fills: [FixtureFill]
        let roundTrips: [Trip]
    }

    static func fixtureFills() -> [Fill] {
        BacktestFixture.load(Fixture.self, "trades.json").fills.enumerated().map { i, f in
            Self.fill(f.symbol, f.bar, f.quantity, f.price, order: i)
        }
    }

    @Test("180 seeded fills over 3 symbols give pyfolio's round trips")
    func matchesPyfolio() throws {
        let fixture = BacktestFixture.load(Fixture.self, "trades.json")
        let trips = try RoundTrips.from(fills: Self.fixtureFills(), symbolCount: 3)
        let ours = trips.closed.sorted { ($0.symbol, $0.exitBar) < ($1.symbol, $1.exitBar) }
        let theirs = fixture.roundTrips.sorted { ($0.symbol, $0.exitBar) < ($1.symbol, $1.exitBar) }
        try #require(ours.count == theirs.count, "\(ours.count) vs \(fixture.library)'s \(theirs.count)")
        for (a, b) in zip(ours, theirs) {
            #expect(a.symbol == b.symbol && (a.direction == .long) == b.long && a.entryBar == b.entryBar && a.exitBar == b.exitBar,
                    "\(a) vs \(b)")
            #expect(Self.close(a.netPnL, b.pnl), "pnl \(a.netPnL) vs \(b.pnl)")
            #expect(Self.close(a.returnOnEntry, b.returnOnEntry), "return \(a.returnOnEntry) vs \(b.returnOnEntry)")
        }
        #expect(!trips.open.isEmpty)
    }

    @Test("bad fills name the fill and what was expected")
    func badFills() {
        func error(_ fills: [Fill], symbols: Int = 2) -> BacktestError? {
            do { _ = try RoundTrips.from(fills: fills, symbolCount: symbols); return nil } catch { return error }
        }
        let good = Self.fill(0, 0, 1, 10)
        #expect(error([])?.code == .insufficientData)
        #expect(error([good], symbols: 0)?.code == .invalidArgument)
        let zero = error([good, Self.fill(0, 1, 0, 10, order: 9)])
        #expect(zero?.code == .invalidArgument && zero!.message.contains("fill 1 (order 9)") && zero!.message.contains("quantity"))
        let nanPrice = error([good, Self.fill(0, 1, 1, .nan)])
        #expect(nanPrice?.code == .nonFinite && nanPrice!.message.contains("fill 1") && nanPrice!.message.contains("price"))
        #expect(error([Self.fill(0, 0, 1, -5)])?.code == .invalidArgument)
        #expect(error([Self.fill(0, 0, .infinity, 5)])?.code == .nonFinite)
        #expect(error([Self.fill(2, 0, 1, 5)])?.message.contains("symbol 2") == true)
        #expect(error([Self.fill(0, -1, 1, 5)])?.message.contains("bar -1") == true)
        #expect(error([Self.fill(0, 0, 1, 5, commission: .nan)])?.message.contains("commission") == true)
        let open = try? RoundTrips.from(fills: [good], symbolCount: 1)
        #expect(throws: BacktestError.self) { try open!.closingOpen(prices: [], bar: 1, timestamp: Timestamp(seconds: 0)) }
        #expect(throws: BacktestError.self) { try open!.closingOpen(prices: [.nan], bar: 1, timestamp: Timestamp(seconds: 0)) }
    }
}

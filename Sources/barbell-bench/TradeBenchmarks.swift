import ArgumentParser
import BarbellData
import Foundation

/// `barbell-bench trades-to-bars`: in-memory trades → 1-minute bars on one core.
struct TradesToBars: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trades-to-bars", abstract: "Aggregate synthetic trades into 1-minute bars.")

    @Option var trades = 20_000_000
    @Option var repeats = 5
    @Option var seed: UInt64 = 7

    func run() throws {
        var gen = SyntheticBars(seed: seed)
        var series = TradeSeries(symbol: "SYN")
        series.reserveCapacity(trades)
        var t = Timestamp(year: 2024, month: 1, day: 1).nanoseconds
        var price = 100.0
        for _ in 0..<trades {
            // Exponential inter-arrival times, mean 5 ms: about 12k trades per minute.
            t += Int64(-log(max(gen.uniform(), 1e-12)) * 5_000_000)
            price *= 1 + 0.0001 * gen.normal()
            series.append(Trade(timestamp: Timestamp(nanoseconds: t), price: price, size: gen.uniform(), side: .buy))
        }
        for rule in [TradeBarRule.time(.oneMinute), .ticks(1000), .volume(500), .dollar(50_000)] {
            let run = try bestOf(repeats) { try TradeBars.aggregate(series, rule: rule) }
            report("trades → \(rule)", items: trades, seconds: run.seconds, unit: "trades")
        }
    }
}

import ArgumentParser
import BarbellBacktest
import BarbellData
import Foundation

/// `barbell-bench backtest`: the event engine's bar-event rate on a single-asset crossover and
/// the vectorised path's bar rate on signal backtests, against backtrader and vectorbt
/// (`Benchmarks/reference/backtrader_crossover.py --bench`, `vectorbt_signals.py --bench`).
struct BacktestBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backtest", abstract: "Event engine and vectorised backtest throughput.")

    @Option(help: "Bars of the single-asset crossover run on the event engine.")
    var eventBars = 10_000_000
    @Option(help: "Bars per column of the vectorised signal backtest.")
    var vectorBars = 1_000_000
    @Option var columns = 8
    @Option var `repeat` = 3

    func run() throws {
        // Event engine: SMA 10/30 crossover, half of equity per entry (sized at the fill), 1 bp, on one
        // synthetic column; then the backtrader comparison's exact run (100 shares, 10 bps) on the
        // bundled S&P 500, repeated.
        let market = SyntheticMarket(bars: eventBars, column: 0)
        let grid = try market.grid()
        let engine = try EventEngine(grid: grid, settings: ExecutionSettings(commission: CommissionSchedule(basisPoints: 1)))
        let synthetic = try MovingAverageCrossover(fast: 10, slow: 30, entry: .fractionOfEquity(0.5))
        let strategy = try MovingAverageCrossover(fast: 10, slow: 30, entry: .shares(100))
        let (eventSeconds, eventResult) = bestOf(self.repeat) { engine.run(synthetic) }
        report("event engine crossover", items: eventBars, seconds: eventSeconds, unit: "bars")
        print("  fills \(eventResult.fills.count), final equity \(eventResult.finalEquity)")

        // Event engine on the bundled S&P 500 bars: the backtrader comparison's data.
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/arch_sp500.csv.gz")
        let sp500 = try PriceGrid(series: [MarketFile.loadBars(samples.path)[0].series])
        let spEngine = try EventEngine(grid: sp500, settings: ExecutionSettings(commission: CommissionSchedule(basisPoints: 10)))
        let laps = 200
        let (spSeconds, spResult) = bestOf(self.repeat) { (0..<laps).map { _ in spEngine.run(strategy).finalEquity }.last! }
        report("event engine S&P 500 x\(laps)", items: sp500.barCount * laps, seconds: spSeconds, unit: "bars")
        print("  final equity \(spResult)")

        // Vectorised path: `columns` independent long/flat signal backtests, all cash in, 10 bps;
        // fills and equity per bar are kept (vectorbt's from_signals keeps order records only).
        // 1 bp a side, as the reference's million-bar run (at 10 bps ~10,000 round trips would
        // take equity to 1e-6 of the start, below vectorbt's order-size tolerance).
        let settings = ExecutionSettings(initialCash: 10_000, commission: CommissionSchedule(basisPoints: 1))
        let markets = (0..<columns).map { SyntheticMarket(bars: vectorBars, column: $0) }
        let grids = try markets.map { try $0.grid() }
        let targets = markets.map { [$0.targets] }
        let (vectorSeconds, results) = try bestOf(self.repeat) {
            try VectorizedBacktest.runIndependently(grids: grids, targets: targets, settings: settings, paths: false)
        }
        report("vectorised \(columns) columns", items: vectorBars * columns, seconds: vectorSeconds, unit: "bars")
        // Identity with vectorbt on the same data: trade counts and equity at three bars
        // (`Benchmarks/reference/vectorbt_signals_bench.json`; the walk drifts to ~0 by the end).
        let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/reference/vectorbt_signals_bench.json")
        struct VectorbtBench: Decodable { let tradeCount: [Int]; let valueAt: [String: [Double]]; let bars_per_second: Double; let finalValue: [Double] }
        let peer = try? JSONDecoder().decode(VectorbtBench.self, from: Data(contentsOf: reference))
        var identical = true
        for (c, r) in results.enumerated() {
            let trades = r.fills.filter { $0.quantity > 0 }.count
            var line = String(format: "  column %d: %d trades", c, trades)
            if let peer, vectorBars == 1_000_000, columns <= peer.tradeCount.count {
                let sameTrades = trades == peer.tradeCount[c]
                let sameValues = ["999", "9999", "99999", "999999"].allSatisfy { key in
                    let a = r.equity[Int(key)!], b = peer.valueAt[key]![c]
                    return abs(a - b) <= 1e-9 * max(1, abs(b))
                } && abs(r.finalEquity - peer.finalValue[c]) <= 1e-9 * max(1, abs(peer.finalValue[c]))
                identical = identical && sameTrades && sameValues
                line += " (vectorbt \(peer.tradeCount[c]))" + (sameValues ? ", equity at bars 999/9999/99999/999999 and the end equal within 1e-9" : ", EQUITY DIFFERS")
            }
            print(line)
        }
        if let peer, vectorBars == 1_000_000 {
            print(String(format: "  identical to vectorbt: %@; vectorbt from_signals %.1f M bars/s here → ratio %.1fx",
                         identical ? "yes" : "NO", peer.bars_per_second / 1e6, Double(vectorBars * columns) / vectorSeconds / peer.bars_per_second))
        }
        print("reference: python3 Benchmarks/reference/backtrader_crossover.py --bench; python3 Benchmarks/reference/vectorbt_signals.py --bench")
    }
}

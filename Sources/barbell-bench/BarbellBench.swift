import ArgumentParser
import BarbellData
import BarbellStore
import Foundation

/// Release-build benchmarks: `swift run -c release barbell-bench <name>`.
///
/// Each benchmark prints one table row per measurement (best of `--repeat` runs) so results
/// can be pasted into BENCHMARKS.md next to the reference tools' numbers.
@main
struct BarbellBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barbell-bench",
        abstract: "Barbell performance benchmarks (run in release builds).",
        subcommands: [GenerateCSV.self, CSVParse.self, TradesToBars.self, SQLiteStore.self, PostgresStore.self, TALibFunctions.self, Alpha158Panel.self, StreamingAlpha158.self, GARCHFits.self, MonteCarloVaRBench.self, OptionsIVBenchmark.self, PortfolioBenchmarks.self, PatternSearchBench.self, HMMBench.self, NNBench.self, DatasetBench.self, XGBoostBench.self, BacktestBench.self]
    )
}

/// Times `body` `repeats` times and returns the best wall-clock seconds.
func bestOf<T>(_ repeats: Int, _ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    var best = Double.infinity
    var last: T?
    for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try body()
        let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, s)
        last = r
    }
    return (best, last!)
}

func bestOfAsync<T>(_ repeats: Int, _ body: () async throws -> T) async rethrows -> (seconds: Double, result: T) {
    var best = Double.infinity
    var last: T?
    for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        let r = try await body()
        let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, s)
        last = r
    }
    return (best, last!)
}

func report(_ name: String, items: Int, seconds: Double, unit: String) {
    let rate = Double(items) / seconds
    print(String(format: "%-28@ %12d %@  %9.1f ms  %8.2f M %@/s", name as NSString, items, unit as NSString, seconds * 1000, rate / 1e6, unit as NSString))
}

/// A seeded geometric random walk of 1-minute bars (SplitMix64, Box–Muller).
struct SyntheticBars {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func uniform() -> Double { random.nextUniform() }

    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// `count` bars starting 2020-01-01, prices rounded to cents like real quotes.
    mutating func series(count: Int) -> BarSeries {
        var s = BarSeries(symbol: "SYN", timeframe: .oneMinute)
        s.reserveCapacity(count)
        var price = 100.0
        let start = Timestamp(year: 2020, month: 1, day: 1).nanoseconds
        for i in 0..<count {
            let open = price
            price *= exp(0.0005 * normal())
            let close = (price * 100).rounded() / 100
            let high = (max(open, close) * (1 + 0.0003 * uniform()) * 100).rounded(.up) / 100
            let low = (min(open, close) * (1 - 0.0003 * uniform()) * 100).rounded(.down) / 100
            let volume = (1000 * uniform() * 1000).rounded() / 1000
            s.append(Bar(timestamp: Timestamp(nanoseconds: start + Int64(i) * 60_000_000_000),
                         open: (open * 100).rounded() / 100, high: high, low: low, close: close, volume: volume))
        }
        return s
    }
}

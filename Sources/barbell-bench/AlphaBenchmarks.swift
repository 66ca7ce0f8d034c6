import ArgumentParser
import BarbellData
import BarbellFeatures
import Foundation

/// `barbell-bench alpha158-panel`: Qlib's Alpha158 over a synthetic panel (issue target: 500
/// symbols × 5,000 daily bars in ≤ 2 s on 2 cores).
struct Alpha158Panel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alpha158-panel", abstract: "Alpha158 over a panel of random-walk series.")

    @Option var symbols = 500
    @Option var bars = 5_000
    @Option var threads: Int?
    @Option var `repeat` = 3

    func run() throws {
        guard let set = FeatureSet.builtin("alpha158") else { throw ValidationError("no alpha158 set") }
        let computer = try FeatureComputer(set)
        let panel = (0..<symbols).map { benchSeries(count: bars, seed: UInt64($0)) }
        // The first run touches fresh memory for all its output (3.2 GB at the default size),
        // which is what computing a panel once costs; later runs may reuse freed memory.
        let (first, _) = try bestOf(1) { try computer.compute(panel: panel, threads: threads) }
        let (seconds, frames) = try bestOf(self.repeat) { try computer.compute(panel: panel, threads: threads) }
        let values = frames.reduce(0) { $0 + $1.count * $1.columns.count }
        print(String(format: "alpha158 %d symbols x %d bars, %d features: first run %.3f s, best of %d more %.3f s (%.1f M feature values/s, threads %@)",
                     symbols, bars, computer.columnNames.count, first, self.repeat, seconds, Double(values) / seconds / 1e6,
                     threads.map(String.init) ?? "all"))
    }
}

/// `barbell-bench alpha158-stream`: one streaming update of the whole Alpha158 set (target ≤ 50 µs).
struct StreamingAlpha158: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alpha158-stream", abstract: "Per-bar streaming update of Alpha158.")

    @Option var bars = 20_000

    func run() throws {
        guard let set = FeatureSet.builtin("alpha158") else { throw ValidationError("no alpha158 set") }
        var stream = try StreamingFeatureSet(set)
        let input = benchSeries(count: bars, seed: 1)
        let columns = stream.fields.map { input[$0] ?? [Double](repeating: .nan, count: bars) }
        var row = [Double](repeating: 0, count: columns.count)
        var checksum = 0.0
        let start = DispatchTime.now().uptimeNanoseconds
        for t in 0..<bars {
            for j in columns.indices { row[j] = columns[j][t] }
            checksum += stream.update(row).last ?? 0
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "alpha158 streaming: %d features, %.2f µs per bar over %d bars (checksum %g)",
                     stream.columnNames.count, seconds / Double(bars) * 1e6, bars, checksum))
    }
}

/// A seeded OHLCV + VWAP random walk.
func benchSeries(count n: Int, seed: UInt64) -> FeatureInput {
    var rng = SplitMix64(seed: seed &+ 1000)
    var o = [Double](), h = [Double](), l = [Double](), c = [Double](), v = [Double](), w = [Double]()
    var price = 50.0 + Double(seed % 100)
    for _ in 0..<n {
        let open = price
        price *= 1 + 0.02 * (rng.nextUniform() - 0.5)
        let high = max(open, price) * (1 + 0.01 * rng.nextUniform())
        let low = min(open, price) * (1 - 0.01 * rng.nextUniform())
        o.append(open); h.append(high); l.append(low); c.append(price)
        v.append((1e5 * (0.5 + rng.nextUniform())).rounded())
        w.append((high + low + price) / 3)
    }
    var input = FeatureInput(count: n)
    for (f, col) in [(InputField.open, o), (.high, h), (.low, l), (.close, c), (.volume, v), (.vwap, w)] { try! input.set(f, col) }
    return input
}

import ArgumentParser
import BarbellData
import BarbellQuant
import BarbellRegimes
import Foundation

/// `barbell-bench patterns`: similar-pattern search of the latest window over a long seeded
/// random walk, pruned (UCR cascade) and brute force, against dtaidistance's banded DTW in C
/// (`Benchmarks/reference/dtw_bruteforce.py`, which reads the same prices).
struct PatternSearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patterns",
        abstract: "Similar-pattern search (z-normalised banded DTW, top 10) over 1M bars."
    )

    @Option(help: "Bars.")
    var bars = 1_000_000

    @Option(help: "Window length.")
    var window = 60

    @Option(help: "Best of this many runs.")
    var `repeat` = 3

    @Option(help: "Where the prices are written for the reference script (little-endian float64).")
    var data = "/tmp/barbell-patterns.f64"

    @Flag(help: "Also time Barbell's own brute force (slow).")
    var bruteForce = false

    func run() throws {
        var generator = SplitMix64(seed: 11)
        var price = 100.0
        let prices = (0..<bars).map { _ in
            price *= exp(0.01 * StandardNormal.sample(using: &generator))
            return price
        }
        try prices.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: data)) }
        let search = try SimilarPatternSearch(window: window, horizon: 20)
        let (seconds, matches) = try bestOf(`repeat`) { try search.search(prices, top: 10) }
        report("pattern search (pruned)", items: bars, seconds: seconds, unit: "bars")
        print("  radius \(search.radius), exclusion \(search.exclusion); starts " + matches.map { String($0.start) }.joined(separator: ","))
        print("  distances " + matches.map { String(format: "%.6f", $0.distance) }.joined(separator: ","))
        if bruteForce {
            let (slow, reference) = try bestOf(1) { try search.bruteForceSearch(prices, top: 10) }
            report("pattern search (brute force)", items: bars, seconds: slow, unit: "bars")
            print("  identical to the pruned search: \(reference == matches)")
        }
        print("reference: python3 Benchmarks/reference/dtw_bruteforce.py \(data) \(window) \(search.radius)")
    }
}

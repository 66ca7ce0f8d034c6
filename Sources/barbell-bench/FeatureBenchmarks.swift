import ArgumentParser
import BarbellFeatures
import Foundation

/// `barbell-bench talib`: every TA-Lib function in the catalogue at its defaults over the 1M-bar
/// arrays written by `Benchmarks/reference/talib_functions.py`, with the ratio against TA-Lib's
/// timings when `--reference` is given (ratio > 1: Barbell faster).
struct TALibFunctions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "talib",
        abstract: "Time every TA-Lib function (batch, defaults) against TA-Lib's C library."
    )

    @Option(help: "Bars (must match the reference run that wrote the data file).")
    var bars = 1_000_000

    @Option(help: "Best of this many runs.")
    var `repeat` = 5

    @Option(help: "TA-Lib timings JSON from Benchmarks/reference/talib_functions.py.")
    var reference: String = "/tmp/talib-times.json"

    @Option(help: "Comma-separated function names (default: all TA-Lib functions).")
    var only: String?

    func run() throws {
        let input = try loadBenchInput(bars: bars)
        let ref = (try? Data(contentsOf: URL(fileURLWithPath: reference))).flatMap {
            try? JSONDecoder().decode(Reference.self, from: $0)
        }
        let groups: [FeatureGroup] = [.overlapStudies, .momentum, .volume, .volatility, .priceTransform, .cycle, .statistic, .pattern]
        let names = only.map { Set($0.split(separator: ",").map { String($0).uppercased() }) }
        var ratios: [Double] = []
        print("function                     barbell ms   M bars/s   TA-Lib ms   ratio")
        for d in FeatureCatalog.standard.descriptors where groups.contains(d.group) {
            if let names, !names.contains(d.name) { continue }
            let feature = try FeatureCatalog.standard.resolve(FeatureSpec(d.name))
            let columns = try d.inputs.map { field in
                guard let c = input[field] else { throw ValidationError("bench data lacks \(field)") }
                return c
            }
            _ = feature.compute(columns: columns, count: input.count)
            let (seconds, _) = bestOf(self.repeat) { feature.compute(columns: columns, count: input.count) }
            var line = String(format: "%-26@ %10.2f %10.1f", d.name as NSString, seconds * 1e3, Double(bars) / seconds / 1e6)
            if let t = ref?.seconds[d.name] {
                ratios.append(t / seconds)
                line += String(format: "  %10.2f  %6.2fx", t * 1e3, t / seconds)
            }
            print(line)
        }
        if !ratios.isEmpty {
            let geo = Foundation.exp(ratios.map { Foundation.log($0) }.reduce(0, +) / Double(ratios.count))
            let slower = ratios.filter { $0 < 1 }.count
            print(String(format: "geometric mean ratio %.2fx over %d functions; %d slower than TA-Lib", geo, ratios.count, slower))
        }
    }

    struct Reference: Decodable {
        var bars: Int
        var seconds: [String: Double]
    }
}

/// The arrays the TA-Lib reference script wrote, so both sides time the same data.
func loadBenchInput(bars: Int) throws -> FeatureInput {
    let path = "/tmp/barbell-bench-ohlcv-\(bars).f64"
    guard let data = FileManager.default.contents(atPath: path), data.count == bars * 6 * 8 else {
        throw ValidationError("\(path) missing or wrong size; run: python3 Benchmarks/reference/talib_functions.py --bars \(bars)")
    }
    let values: [Double] = data.withUnsafeBytes { raw in
        (0..<(bars * 6)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
    }
    var input = FeatureInput(count: bars)
    for (i, field) in [InputField.open, .high, .low, .close, .volume, .periods].enumerated() {
        try input.set(field, Array(values[(i * bars)..<((i + 1) * bars)]))
    }
    return input
}

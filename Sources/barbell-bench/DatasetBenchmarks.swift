import ArgumentParser
import BarbellData
import BarbellFeatures
import BarbellLearning

/// `barbell-bench dataset`: features + labels + folds for a daily panel (issue 7's target: 20
/// symbols × 8,000 bars with Alpha158 in ≤ 1 s).
struct DatasetBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dataset", abstract: "Dataset build (Alpha158 + forward-return labels + purged folds) over a panel.")

    @Option var symbols = 20
    @Option var bars = 8_000
    @Option var threads: Int?
    @Option var `repeat` = 3

    func run() throws {
        guard let set = FeatureSet.builtin("alpha158") else { throw ValidationError("no alpha158 set") }
        let day: Int64 = 86_400_000_000_000
        let panel = (0..<symbols).map { s -> BarSeries in
            let input = benchSeries(count: bars, seed: UInt64(s))
            var series = BarSeries(symbol: Symbol("S\(s)"), timeframe: .oneDay)
            series.timestamps = (0..<bars).map { Timestamp(nanoseconds: Int64(3_650 + $0) * day) }
            (series.open, series.high, series.low, series.close, series.volume) = (input[.open]!, input[.high]!, input[.low]!, input[.close]!, input[.volume]!)
            series.vwap = input[.vwap]
            return series
        }
        let builder = try DatasetBuilder(featureSet: set, label: .forwardReturn(horizon: 1, kind: .log))
        func once() throws -> (SupervisedDataset, [Split]) {
            let ds = try builder.build(panel: panel, threads: threads)
            let splits = try PurgedKFold(k: 5, embargo: 5 * symbols).splits(spans: ds.spans)
            return (ds, splits)
        }
        let (first, _) = try bestOf(1, once)
        let (seconds, result) = try bestOf(self.repeat, once)
        print(String(format: "dataset %d symbols x %d bars, %d features, %d samples, %d purged folds: first %.3f s, best of %d %.3f s (target ≤ 1 s; threads %@)",
                     symbols, bars, result.0.width, result.0.count, result.1.count, first, self.repeat, seconds, threads.map(String.init) ?? "all"))
    }
}

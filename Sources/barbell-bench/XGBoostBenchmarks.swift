import ArgumentParser
import BarbellData
import BarbellLearning
import Foundation

/// `barbell-bench xgboost`: training throughput of `GradientBoosting` against Python's `xgboost`
/// on the same data and parameters (`Benchmarks/reference/xgboost_train.py`); the target is
/// within 10% (the same libxgboost underneath, so any gap is our overhead).
struct XGBoostBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "xgboost", abstract: "XGBoost training throughput (regression, hist) on seeded data.")

    @Option var rows = 100_000
    @Option var columns = 50
    @Option var rounds = 100
    @Option var threads = 1
    @Option var `repeat` = 3
    @Option(help: "Where the data is written for the Python reference (float32 rows, then float32 targets).")
    var data = "/tmp/barbell-xgboost-bench.bin"

    func run() throws {
        var g = SplitMix64(seed: 11)
        var x = [Double](repeating: 0, count: rows * columns), y = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            var target = 0.0
            for c in 0..<columns {
                let v = Double(Float(g.nextUniform() * 2 - 1))   // float32 values: both sides feed XGBoost the same bits
                x[r * columns + c] = v
                if c < 5 { target += Double(c + 1) * v * (c % 2 == 0 ? v : 1) }
            }
            y[r] = Double(Float(target + 0.1 * (g.nextUniform() - 0.5)))
        }
        var bytes = Data()
        for v in x { withUnsafeBytes(of: Float(v)) { bytes.append(contentsOf: $0) } }
        for v in y { withUnsafeBytes(of: Float(v)) { bytes.append(contentsOf: $0) } }
        try bytes.write(to: URL(fileURLWithPath: data))

        var c = GradientBoostingConfiguration(objective: .regression)
        c.rounds = rounds
        c.maxDepth = 6
        c.eta = 0.1
        c.threads = threads
        let (seconds, model) = try bestOf(self.repeat) { try GradientBoosting.train(c, x: x, rows: rows, columns: columns, y: y) }
        let first = try model.predict(x: Array(x[0..<columns]), rows: 1)[0]
        print(String(format: "xgboost train %d rows x %d columns, %d rounds, depth 6, hist, %d thread(s): best of %d %.3f s (%.0f rows·rounds/ms); first prediction %.6f",
                     rows, columns, rounds, threads, self.repeat, seconds, Double(rows * rounds) / seconds / 1000, first))
        print("reference: python3 Benchmarks/reference/xgboost_train.py --rows \(rows) --columns \(columns) --rounds \(rounds) --threads \(threads) --data \(data)")
    }
}

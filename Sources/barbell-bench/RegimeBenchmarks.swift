import ArgumentParser
import Foundation

/// `barbell-bench hmm`: Gaussian HMM Baum-Welch fits (3 states, diag and full, 1-D and 2-D,
/// fixed initial parameters, tolerance −∞ so exactly 100 iterations) on 2,520 and 100,000 seeded
/// observations, and the online filter's per-bar update for 4 states, against hmmlearn 0.3.3
/// on the same file and initial parameters (`Benchmarks/reference/hmmlearn_fit.py`).
struct HMMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hmm",
        abstract: "Gaussian HMM fits (Baum-Welch, 100 iterations) and online filter updates."
    )

    @Option(help: "Observation counts (comma-separated).")
    var sizes = "2520,100000"

    @Option(help: "EM iterations (all run: tolerance −∞).")
    var iterations = 100

    @Option(help: "Best of this many runs (1 above 10,000 observations).")
    var `repeat` = 3

    @Option(help: "Where the observations are written for the reference script (n × 2 little-endian float64).")
    var data = "/tmp/barbell-hmm-obs.f64"

    func run() throws {
        let n = sizes.split(separator: ",").compactMap { Int($0) }
        try HMMBenchCases.run(sizes: n, iterations: iterations, repeats: `repeat`, dataPath: data)
        print("reference: python3 Benchmarks/reference/hmmlearn_fit.py \(data) \(sizes) \(iterations)")
    }
}

import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell-bench mc-var`: Monte Carlo VaR of a portfolio of correlated assets (seeded
/// scenarios through the Cholesky factor, portfolio quantile and tail mean), against the NumPy
/// reference `Benchmarks/reference/mc_var.py` doing the same arithmetic.
struct MonteCarloVaRBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mc-var",
        abstract: "Monte Carlo VaR/ES: scenarios × assets, normal and Student-t."
    )

    @Option(help: "Scenarios.")
    var scenarios = 100_000

    @Option(help: "Assets.")
    var assets = 50

    @Option(help: "Best of this many runs.")
    var `repeat` = 7

    func run() throws {
        // A seeded one-factor covariance (market loading 0.5–1.5, 1% market vol, 1.5% idiosyncratic)
        // and equal weights; NumPy's reference builds the same matrix from the same formula.
        var random = SplitMix64(seed: 7)
        let loadings = (0..<assets).map { _ in 0.5 + random.nextUniform() }
        var covariance = [Double](repeating: 0, count: assets * assets)
        for i in 0..<assets {
            for j in 0..<assets { covariance[i * assets + j] = loadings[i] * loadings[j] * 1e-4 + (i == j ? 2.25e-4 : 0) }
        }
        let sigma = try Matrix(rows: assets, columns: assets, values: covariance)
        let mean = [Double](repeating: 2e-4, count: assets)
        let weights = [Double](repeating: 1 / Double(assets), count: assets)
        print("Monte Carlo VaR, \(scenarios) scenarios × \(assets) assets, 99%, best of \(`repeat`)")
        for (name, distribution) in [("normal", ScenarioSimulator.Distribution.normal), ("student-t ν=4", .studentT(degreesOfFreedom: 4))] {
            let (seconds, estimate) = try bestOf(`repeat`) {
                try ValueAtRisk.monteCarlo(weights: weights, mean: mean, covariance: sigma, confidence: 0.99,
                                           scenarios: scenarios, distribution: distribution, seed: 42)
            }
            print(String(format: "%-16@ %8.2f ms   VaR %.5f  ES %.5f", name as NSString, seconds * 1000, estimate.valueAtRisk, estimate.expectedShortfall))
        }
    }
}

import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell-bench portfolio`: minimum volatility and maximum Sharpe on 100 assets, HRP on 500,
/// on seeded factor-model daily returns that it also writes as CSV for
/// `Benchmarks/reference/pypfopt_optimize.py` (PyPortfolioOpt on the same numbers).
struct PortfolioBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "portfolio", abstract: "Portfolio optimisation: min-vol / max-Sharpe (100 assets), HRP (500 assets).")

    @Option(help: "Folder for the generated returns CSVs (read by the Python reference).")
    var data = FileManager.default.temporaryDirectory.appendingPathComponent("barbell-portfolio-bench").path
    @Option var days = 1000
    @Option var repeats = 20
    @Option var seed: UInt64 = 42

    /// Daily returns from 4 factors plus idiosyncratic noise, all normal by inversion on SplitMix64.
    static func factorReturns(assets: Int, days: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        let factors = 4
        let loadings = (0..<(assets * factors)).map { _ in 0.2 + 0.8 * rng.nextOpenUnit() }
        let drift = (0..<assets).map { _ in 0.0008 * rng.nextOpenUnit() - 0.0001 }
        let noise = (0..<assets).map { _ in 0.01 + 0.015 * rng.nextOpenUnit() }
        var values = [Double](repeating: 0, count: days * assets)
        for t in 0..<days {
            let f = (0..<factors).map { _ in 0.006 * StandardNormal.sample(using: &rng) }
            for j in 0..<assets {
                var r = drift[j] + noise[j] * StandardNormal.sample(using: &rng)
                for k in 0..<factors { r += loadings[j * factors + k] * f[k] }
                values[t * assets + j] = r
            }
        }
        return try! Matrix(rows: days, columns: assets, values: values)
    }

    static func write(_ m: Matrix, to path: String) throws {
        var text = (0..<m.columns).map { "A\($0)" }.joined(separator: ",") + "\n"
        for t in 0..<m.rows { text += m.row(t).map { String(format: "%.17g", $0) }.joined(separator: ",") + "\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let r100 = Self.factorReturns(assets: 100, days: days, seed: seed)
        let r500 = Self.factorReturns(assets: 500, days: days, seed: seed + 1)
        try Self.write(r100, to: data + "/returns100.csv")
        try Self.write(r500, to: data + "/returns500.csv")
        let mu = try ExpectedReturns.meanHistorical(returns: r100)
        let sigma = try PortfolioRiskModel.sample.covariance(returns: r100)
        let minVol = try bestOf(repeats) { try MeanVarianceOptimizer(expectedReturns: mu, covariance: sigma).minVolatility() }
        report("min volatility (100 assets)", items: 100, seconds: minVol.seconds, unit: "assets")
        let sharpe = try bestOf(repeats) { try MeanVarianceOptimizer(expectedReturns: mu, covariance: sigma).maxSharpe() }
        report("max Sharpe (100 assets)", items: 100, seconds: sharpe.seconds, unit: "assets")
        let hrp = try bestOf(repeats) { try HierarchicalRiskParity.optimize(returns: r500) }
        report("HRP (500 assets)", items: 500, seconds: hrp.seconds, unit: "assets")
        print("data: \(data) (min-vol Sharpe \(String(format: "%.6f", minVol.result.performance.sharpeRatio)), max Sharpe \(String(format: "%.6f", sharpe.result.performance.sharpeRatio)))")
        print("reference: python3 Benchmarks/reference/pypfopt_optimize.py \(data)")
    }
}

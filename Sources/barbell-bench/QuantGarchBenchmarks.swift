import ArgumentParser
import BarbellQuant
import Foundation

/// `barbell-bench garch`: GARCH(1,1) fits (constant mean, normal and Student-t innovations) on
/// 2,520 and 100,000 simulated percent returns; reference `Benchmarks/reference/arch_garch.py`.
struct GARCHFits: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "garch",
        abstract: "GARCH(1,1) normal and Student-t maximum-likelihood fits (compare: arch_garch.py)."
    )

    @Option(help: "Where the simulated returns are written (raw little-endian float64) for the reference script.")
    var data = "/tmp/barbell-garch-returns.f64"

    @Option(name: .customLong("repeat"), help: "Runs per measurement; the best is reported.")
    var repeats = 5

    func run() throws {
        // A GARCH(1,1)-t(7) series in percent, seed 2024: the same file the reference reads.
        let truth = [0.05, 0.02, 0.09, 0.89, 7.0]
        let returns = try GARCHModel.garch(innovations: .studentT).simulate(parameters: truth, count: 100_000, seed: 2024).returns
        try returns.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: data)) }
        print("wrote \(returns.count) returns to \(data)")
        for count in [2520, 100_000] {
            let y = Array(returns.prefix(count))
            for innovations in [GARCHModel.Innovations.normal, .studentT] {
                let model = GARCHModel.garch(innovations: innovations)
                let (seconds, fit) = try bestOf(repeats) { try model.fit(y) }
                report("garch(1,1) \(innovations.rawValue) fit", items: count, seconds: seconds, unit: "ret")
                print(String(format: "    loglik %.6f, %d evaluations, params %@", fit.logLikelihood, fit.evaluations,
                             fit.parameters.map { String(format: "%.6f", $0) }.joined(separator: " ")))
            }
        }
    }
}

import ArgumentParser
import BarbellBacktest
import Foundation

/// `barbell backtest sweep CONFIG.yaml --grid strategy.fast=5,10,20 --grid strategy.slow=50,100 [--top N] [--json]`.
struct BacktestSweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter grid on the vectorised path (all cores) and say whether the best variant is luck.",
        discussion: """
        Each --grid names a strategy.* or portfolio.* field and its values; every combination runs with the \
        configuration's costs and execution. The best variant (by Sharpe ratio) is reported with its deflated Sharpe \
        ratio over all the variants tried (plus --trials tried before), and the probability of backtest overfitting by \
        combinatorially symmetric cross-validation over the variants' returns.
        """
    )

    @Argument(help: "Backtest configuration (YAML or JSON).")
    var config: String

    @Option(name: .customLong("grid"), help: "PATH=V1,V2,… (repeatable), e.g. strategy.fast=5,10,20.")
    var axes: [String] = []

    @Option(help: "Strategies tried before this sweep, added to its variants for the deflated Sharpe ratio.")
    var trials: Int = 0

    @Option(help: "Rows shown, best Sharpe first.")
    var top: Int = 10

    @Flag(help: "Print every variant as JSON.")
    var json = false

    func run() async throws {
        let text: String
        do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(config): cannot read the backtest configuration (\(error.localizedDescription))", exitCode: ExitStatus.usage)
        }
        let parsedAxes = try axes.map { a throws(BacktestError) in try BacktestSweep.Axis(parsing: a) }
        let sweep = try BacktestSweep(configuration: text, source: config, axes: parsedAxes,
                                      base: URL(fileURLWithPath: config).deletingLastPathComponent().path)
        let bar = json ? nil : ProgressBar("sweep")
        bar?.update(done: 0, total: 1, detail: "\(sweep.combinations.count) variants")
        let outcome = try sweep.run(priorTrials: trials)
        bar?.finish()
        if json {
            print(jsonText(outcome))
            return
        }
        let names = parsedAxes.map(\.path)
        var table = TextTable(names + ["total return", "Sharpe", "max drawdown", "fills", "turnover/yr", "costs"],
                              rightAligned: Set(names.count..<(names.count + 6)))
        let order = outcome.variants.indices.sorted {
            let a = outcome.variants[$0].result.sharpe, b = outcome.variants[$1].result.sharpe
            return (a.isNaN ? -.infinity : a) > (b.isNaN ? -.infinity : b)
        }
        for i in order.prefix(max(1, top)) {
            let v = outcome.variants[i]
            table.add(names.map { v.parameters[$0] ?? "" } + [
                String(format: "%+.2f%%", v.result.totalReturn * 100), String(format: "%.2f", v.result.sharpe),
                String(format: "%.2f%%", v.result.maxDrawdown * 100), String(v.result.fills),
                String(format: "%.2f", v.result.annualTurnover), String(format: "%.2f", v.result.costs)])
        }
        print("\(outcome.variants.count) variants in \(String(format: "%.2f", outcome.seconds)) s (vectorised path, all cores)")
        print(table.render())
        let best = outcome.variants[outcome.best]
        print("best: " + names.map { "\($0)=\(best.parameters[$0] ?? "")" }.joined(separator: " ")
              + String(format: ", Sharpe %.2f", best.result.sharpe))
        if let dsr = outcome.deflatedSharpe {
            print(String(format: "deflated Sharpe ratio of the best over %d trials: %.3f (P(skill) after the search; below 0.95 the best is not distinguishable from luck)", outcome.trials, dsr))
        }
        if let pbo = outcome.probabilityOfOverfitting {
            print(String(format: "probability of backtest overfitting (CSCV): %.2f", pbo))
        }
        print("Every figure is after costs; past performance promises nothing.")
    }
}

import ArgumentParser
import BarbellBacktest
import BarbellData
import Foundation

/// `barbell metrics RETURNS.csv [--benchmark B.csv] [--trials N --sharpe-variance V] [--json]`.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Performance and honesty statistics of any return series (empyrical's definitions).",
        discussion: """
        Reads one series (a date column and a value column, or --ticker of several) of simple returns, or of prices with \
        --values prices. With --benchmark, returns are aligned by date and alpha and beta are added. With --trials and \
        --sharpe-variance (how many configurations were tried and the variance of their per-period Sharpe ratios, as a \
        tuning study records them), the deflated Sharpe ratio says how likely the best of them is to be luck.
        """
    )

    enum Values: String, ExpressibleByArgument { case returns, prices }

    @Argument(help: "Returns (or prices) file: CSV in any layout `barbell data import` reads.")
    var file: String

    @Option(help: "What the file's values are: returns (default) or prices.")
    var values: Values = .returns

    @Option(help: "Which column of a file with several.")
    var ticker: String?

    @Option(help: "Benchmark file (same --values).")
    var benchmark: String?

    @Option(name: .customLong("benchmark-ticker"), help: "Which column of the benchmark file.")
    var benchmarkTicker: String?

    @Option(name: .customLong("periods-per-year"), help: "252 daily, 52 weekly, 12 monthly.")
    var periodsPerYear: Double = 252

    @Option(help: "Trials run to find this strategy (for the deflated Sharpe ratio).")
    var trials: Int?

    @Option(name: .customLong("sharpe-variance"), help: "Variance of the trials' per-period Sharpe ratios.")
    var sharpeVariance: Double?

    @Flag(help: "Print JSON.")
    var json = false

    struct Report: Encodable {
        var series: String
        var periods: Int
        var first: String, last: String
        var totalReturn, annualReturn, annualVolatility, sharpe, sortino, calmar, omega: Double?
        var maxDrawdown: Double, maxDrawdownDuration: Int
        var tailRatio, valueAtRisk, conditionalValueAtRisk, skew, excessKurtosis: Double?
        var probabilisticSharpe: Double?
        var alpha: Double?, beta: Double?
        var deflatedSharpe: Double?, expectedMaximumSharpe: Double?
    }

    func load(_ path: String, ticker: String?) throws -> (name: String, timestamps: [Timestamp], returns: [Double]) {
        var arguments = ["--values", values.rawValue]
        if let ticker { arguments += ["--ticker", ticker] }
        let series = try QuantInputOptions.parse(arguments).loadReturns(path)
        return (series.name, series.timestamps, series.returns)
    }

    func run() async throws {
        if (trials == nil) != (sharpeVariance == nil) { throw ValidationError("--trials and --sharpe-variance go together") }
        var main = try load(file, ticker: ticker)
        var bench: [Double]?
        if let benchmark {
            let b = try load(benchmark, ticker: benchmarkTicker)
            let position = Dictionary(b.timestamps.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let common = main.timestamps.indices.filter { position[main.timestamps[$0]] != nil }
            guard common.count >= 2 else {
                throw CommandFailure(message: "\(file) and \(benchmark) share \(common.count) dates; alpha and beta need at least 2")
            }
            bench = common.map { b.returns[position[main.timestamps[$0]]!] }
            main = (main.name, common.map { main.timestamps[$0] }, common.map { main.returns[$0] })
        }
        let r: Returns
        do { r = try Returns(main.returns, periodsPerYear: periodsPerYear, name: "\(file) (\(main.name))") } catch {
            throw CommandFailure(message: error.message)
        }
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        var report = Report(
            series: main.name, periods: main.returns.count, first: main.timestamps.first!.display, last: main.timestamps.last!.display,
            totalReturn: finite(r.totalReturn), annualReturn: finite(r.annualReturn), annualVolatility: finite(r.annualVolatility),
            sharpe: finite(r.sharpeRatio()), sortino: finite(r.sortinoRatio()), calmar: finite(r.calmarRatio), omega: finite(r.omegaRatio()),
            maxDrawdown: r.maxDrawdown, maxDrawdownDuration: r.maxDrawdownDuration, tailRatio: finite(r.tailRatio),
            valueAtRisk: finite(r.valueAtRisk()), conditionalValueAtRisk: finite(r.conditionalValueAtRisk()),
            skew: finite(r.skewness), excessKurtosis: finite(r.excessKurtosis), probabilisticSharpe: finite(r.probabilisticSharpeRatio()))
        do {
            if let bench {
                let (alpha, beta) = try r.alphaBeta(benchmark: try Returns(bench, periodsPerYear: periodsPerYear, name: "benchmark"))
                (report.alpha, report.beta) = (finite(alpha), finite(beta))
            }
            if let trials, let sharpeVariance {
                let (dsr, expected) = try r.deflatedSharpeRatio(trials: trials, sharpeVariance: sharpeVariance)
                (report.deflatedSharpe, report.expectedMaximumSharpe) = (finite(dsr), finite(expected))
            }
        } catch {
            throw CommandFailure(message: error.message, exitCode: error.code == .invalidArgument ? ExitStatus.usage : ExitStatus.dataError)
        }
        if json { try printJSON(report); return }
        func f(_ x: Double?, _ format: String = "%.4f") -> String { x.map { String(format: format, $0) } ?? "-" }
        print("\(report.series): \(report.periods) periods, \(report.first) … \(report.last), \(Int(periodsPerYear)) per year")
        var table = TextTable(["statistic", "value"], rightAligned: [1])
        for (name, value) in [("total return", f(report.totalReturn)), ("annual return", f(report.annualReturn)),
                              ("annual volatility", f(report.annualVolatility)), ("Sharpe", f(report.sharpe)),
                              ("Sortino", f(report.sortino)), ("Calmar", f(report.calmar)), ("Omega", f(report.omega)),
                              ("max drawdown", f(report.maxDrawdown)), ("max drawdown duration (periods)", String(report.maxDrawdownDuration)),
                              ("tail ratio", f(report.tailRatio)), ("VaR 95%", f(report.valueAtRisk)), ("CVaR 95%", f(report.conditionalValueAtRisk)),
                              ("skew", f(report.skew)), ("excess kurtosis", f(report.excessKurtosis)),
                              ("probabilistic Sharpe (> 0)", f(report.probabilisticSharpe))]
            + (bench == nil ? [] : [("alpha (annual)", f(report.alpha)), ("beta", f(report.beta))])
            + (trials == nil ? [] : [("deflated Sharpe", f(report.deflatedSharpe)), ("expected max Sharpe of the trials (per period)", f(report.expectedMaximumSharpe))]) {
            table.add([name, value])
        }
        print(table.render())
    }
}

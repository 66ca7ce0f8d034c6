import ArgumentParser
import BarbellBacktest
import BarbellData
import Foundation

/// `barbell metrics RETURNS.csv [--benchmark B.csv] [--trials N --sharpe-variance V] [--bootstrap N --block-length L
/// --seed S --confidence C] [--regimes REGIMES.csv] [--json]`.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Performance and honesty statistics of any return series (empyrical's definitions).",
        discussion: """
        Reads one series (a date column and a value column, or --ticker of several) of simple returns, or of prices with \
        --values prices. With --benchmark, returns are aligned by date and alpha and beta are added. With --trials and \
        --sharpe-variance (how many configurations were tried and the variance of their per-period Sharpe ratios, as a \
        tuning study records them), the deflated Sharpe ratio says how likely the best of them is to be luck. \
        Stationary-bootstrap (Politis & Romano) percentile intervals for the Sharpe ratio and the maximum drawdown \
        come with every report (--bootstrap 0 turns them off); the expected block length is chosen by Politis & \
        White's rule unless --block-length is given. --regimes takes a CSV of date,label[,name] rows (label an \
        integer, -1 for unknown) covering every return date, and adds a table of performance per regime.
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

    @Option(help: "Stationary-bootstrap resamples for the Sharpe and drawdown intervals (0: none).")
    var bootstrap: Int = 1000

    @Option(name: .customLong("block-length"), help: "Expected bootstrap block length (default: Politis-White automatic).")
    var blockLength: Double?

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Confidence level of the bootstrap intervals.")
    var confidence: Double = 0.95

    @Option(help: "CSV of date,label[,name] regime labels (-1 unknown), one row per return date at least.")
    var regimes: String?

    @Flag(help: "Print JSON.")
    var json = false

    /// The bootstrap part of the report.
    struct BootstrapReport: Encodable {
        var resamples: Int
        var confidence: Double
        var seed: UInt64
        var expectedBlockLength: Double
        var automaticBlockLength: Bool
        var sharpe: BootstrapInterval
        var maxDrawdown: BootstrapInterval
    }

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
        var bootstrap: BootstrapReport?
        var regimes: [RegimePerformance.Regime]?
    }

    func load(_ path: String, ticker: String?) throws -> (name: String, timestamps: [Timestamp], returns: [Double]) {
        var arguments = ["--values", values.rawValue]
        if let ticker { arguments += ["--ticker", ticker] }
        let series = try QuantInputOptions.parse(arguments).loadReturns(path)
        return (series.name, series.timestamps, series.returns)
    }

    func run() async throws {
        if (trials == nil) != (sharpeVariance == nil) { throw ValidationError("--trials and --sharpe-variance go together") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap: \(bootstrap) resamples; expected ≥ 0 (0 turns the intervals off)") }
        guard confidence > 0, confidence < 1 else { throw ValidationError("--confidence: \(confidence); expected strictly between 0 and 1") }
        if let blockLength, !(blockLength.isFinite && blockLength >= 1) {
            throw ValidationError("--block-length: \(blockLength); expected ≥ 1")
        }
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
        report.bootstrap = try bootstrapReport(r)
        if let regimes {
            let (labels, names) = try loadRegimes(regimes, dates: main.timestamps)
            do {
                report.regimes = try RegimePerformance(returns: main.returns, labels: labels, names: names, periodsPerYear: periodsPerYear).regimes
            } catch {
                throw CommandFailure(message: "\(regimes): \(error.message)")
            }
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
        if let b = report.bootstrap {
            let level = String(format: "%g%%", 100 * b.confidence)
            table.add(["Sharpe \(level) interval", "[\(f(b.sharpe.lower)), \(f(b.sharpe.upper))]"])
            table.add(["max drawdown \(level) interval", "[\(f(b.maxDrawdown.lower)), \(f(b.maxDrawdown.upper))]"])
        }
        print(table.render())
        if let b = report.bootstrap {
            print("intervals: stationary bootstrap, \(b.resamples) resamples, expected block length \(String(format: "%.2f", b.expectedBlockLength))"
                  + (b.automaticBlockLength ? " (Politis-White)" : "") + ", seed \(b.seed)")
        }
        if let rows = report.regimes {
            var regimeTable = TextTable(["regime", "periods", "share", "return (mean, ann.)", "return (compounded)", "volatility", "Sharpe",
                                         "max drawdown", "hit rate"], rightAligned: Set(1...8))
            for row in rows {
                regimeTable.add([row.name.map { "\(row.label) \($0)" } ?? String(row.label), String(row.periods), f(row.fraction, "%.3f"),
                                 f(row.meanAnnualReturn), f(finite(row.compoundedAnnualReturn)), f(row.annualVolatility), f(row.sharpe),
                                 f(row.maxDrawdown), f(row.hitRate, "%.3f")])
            }
            print(regimeTable.render())
        }
    }

    /// Bootstrap intervals for the Sharpe ratio and maximum drawdown; nil with --bootstrap 0, or (with a
    /// note on stderr) when the series is too short or flat for the automatic block length.
    func bootstrapReport(_ r: Returns) throws -> BootstrapReport? {
        guard bootstrap > 0 else { return nil }
        let length: Double
        if let blockLength {
            length = blockLength
        } else {
            do {
                length = max(1, try StationaryBootstrap.optimalBlockLength(r.values).stationary)
            } catch {
                FileHandle.standardError.write(Data("no bootstrap intervals: \(error.message); pass --block-length to choose one\n".utf8))
                return nil
            }
        }
        do {
            let (sharpe, drawdown) = try r.bootstrapIntervals(resamples: bootstrap, confidence: confidence, expectedBlockLength: length, seed: seed)
            return BootstrapReport(resamples: bootstrap, confidence: confidence, seed: seed, expectedBlockLength: length,
                                   automaticBlockLength: blockLength == nil, sharpe: sharpe, maxDrawdown: drawdown)
        } catch {
            throw CommandFailure(message: "bootstrap of \(file): \(error.message)")
        }
    }

    /// The regime label (and any names) of each return date from a `date,label[,name]` CSV. A header
    /// row is recognised by its label column not being an integer. Dates the file has beyond the
    /// returns are ignored; a return date it lacks is an error naming the first one.
    func loadRegimes(_ path: String, dates: [Timestamp]) throws -> (labels: [Int], names: [Int: String]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(message: "\(path): cannot read the regimes file (\(error.localizedDescription))")
        }
        var parser = TimestampParser()
        var label: [Timestamp: Int] = [:], names: [Int: String] = [:]
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let row = "\(path) line \(number + 1)"
            guard fields.count == 2 || fields.count == 3 else {
                throw CommandFailure(message: "\(row): \(fields.count) fields; expected date,label or date,label,name")
            }
            guard let value = Int(fields[1]) else {
                if number == 0 && label.isEmpty { continue }  // the header
                throw CommandFailure(message: "\(row): label '\(fields[1])' is not an integer (use -1 for unknown)")
            }
            guard value >= RegimePerformance.unknown else {
                throw CommandFailure(message: "\(row): label \(value); expected ≥ -1 (-1 for unknown)")
            }
            let time: Timestamp
            do { time = Timestamp(nanoseconds: try parser.parse(fields[0])) } catch {
                throw CommandFailure(message: "\(row): date '\(fields[0])' is not a date or time; expected \(parser.expectedDescription)")
            }
            guard label[time] == nil else { throw CommandFailure(message: "\(row): date \(time.display) appears twice") }
            label[time] = value
            if fields.count == 3, !fields[2].isEmpty {
                if let known = names[value], known != fields[2] {
                    throw CommandFailure(message: "\(row): label \(value) is named '\(fields[2])' here but '\(known)' before")
                }
                names[value] = fields[2]
            }
        }
        var labels: [Int] = []
        labels.reserveCapacity(dates.count)
        for (i, date) in dates.enumerated() {
            guard let value = label[date] else {
                let missing = dates[i...].count(where: { label[$0] == nil })
                throw CommandFailure(message: "\(path) has no regime label for \(date.display), the first of \(missing) return dates it lacks; label every date of \(file) (-1 for unknown)")
            }
            labels.append(value)
        }
        return (labels, names)
    }
}

import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell risk var FILE`: value at risk and expected shortfall of a series or a portfolio.
struct RiskVaR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "var",
        abstract: "Value at risk and expected shortfall (historical, normal, Student-t, Cornish-Fisher, Monte Carlo, EVT, filtered historical).",
        discussion: """
        VaR and ES are positive losses as a fraction of value. With --weights the portfolio is the \
        constant-weight mix of the tickers on the days all of them have prices; Monte Carlo then \
        simulates the assets jointly (Cholesky of their covariance). Horizons above one period are \
        scaled as each result states: overlapping compounded returns (historical), simulated paths \
        (Monte Carlo), or mean×h and volatility×√h (parametric).
        """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case historical, normal, studentT = "student-t", cornishFisher = "cornish-fisher", monteCarlo = "monte-carlo", evt, fhs, all
    }

    @Argument(help: "Market-data file: one ticker, or several with --weights.")
    var file: String

    @Option(help: "Method: \(Method.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: Method = .all

    @Option(help: "Confidence level, e.g. 0.99.")
    var confidence = 0.99

    @Option(help: "Horizon in periods of the data (days for daily bars).")
    var horizon = 1

    @Option(help: "Portfolio weights, e.g. AAPL=0.5,XOM=0.5 (multi-ticker files).")
    var weights: String?

    @Option(help: "Monte Carlo scenarios.")
    var scenarios = 100_000

    @Option(help: "Monte Carlo seed (same seed, same result).")
    var seed: UInt64 = 42

    @Option(name: .customLong("mc-dof"), help: "Student-t degrees of freedom for Monte Carlo scenarios (default: normal).")
    var monteCarloDegreesOfFreedom: Double?

    @Option(name: .customLong("threshold-quantile"), help: "EVT threshold quantile of the losses.")
    var thresholdQuantile = 0.95

    @Option(help: "Also backtest each method's one-step VaR over a rolling window of this many periods (Kupiec, Christoffersen).")
    var backtest: Int?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    struct Row: Encodable {
        var estimate: RiskEstimate
        var backtest: VaRBacktest?
    }

    struct Output: Encodable {
        var series: String
        var observations: Int
        var first: String
        var last: String
        var results: [Row]
    }

    func run() throws {
        guard horizon >= 1 else { throw ValidationError("--horizon must be at least 1") }
        let (name, stamps, returns, assetReturns, assetWeights) = try loadSeries()
        let methods = method == .all ? Method.allCases.filter { $0 != .all } : [method]
        var rows: [Row] = []
        for m in methods {
            let estimate = try self.estimate(m, returns: returns, assets: assetReturns, weights: assetWeights, horizon: horizon)
            var test: VaRBacktest?
            if let window = backtest {
                // Monte Carlo and FHS refits per window are too costly to roll; they are not backtested.
                guard m != .monteCarlo, m != .fhs else { rows.append(Row(estimate: estimate)); continue }
                test = try VaRBacktest.rolling(returns, window: window, confidence: confidence) { history in
                    try self.estimate(m, returns: history, assets: nil, weights: nil, horizon: 1)
                }.backtest
            }
            rows.append(Row(estimate: estimate, backtest: test))
        }
        let output = Output(series: name, observations: returns.count, first: stamps.first?.display ?? "-", last: stamps.last?.display ?? "-", results: rows)
        if json { return try printJSON(output) }
        print("\(name): \(returns.count) returns \(output.first) – \(output.last), confidence \(confidence), horizon \(horizon)")
        var table = TextTable(["method", "VaR", "ES", "horizon scaling"] + (backtest == nil ? [] : ["violations", "Kupiec p", "indep. p"]), rightAligned: [1, 2, 4, 5, 6])
        for row in rows {
            var cells = [row.estimate.method, String(format: "%.4f%%", row.estimate.valueAtRisk * 100),
                         String(format: "%.4f%%", row.estimate.expectedShortfall * 100), row.estimate.horizonScaling]
            if backtest != nil {
                cells += row.backtest.map { ["\($0.violations)/\($0.observations)", String(format: "%.4f", $0.kupiecPValue), String(format: "%.4f", $0.independencePValue)] } ?? ["-", "-", "-"]
            }
            table.add(cells)
        }
        print(table.render())
    }

    func estimate(_ m: Method, returns: [Double], assets: [[Double]]?, weights: [Double]?, horizon: Int) throws -> RiskEstimate {
        switch m {
        case .historical: return try ValueAtRisk.historical(returns, confidence: confidence, horizon: horizon)
        case .normal: return try ValueAtRisk.normal(returns, confidence: confidence, horizon: horizon)
        case .studentT: return try ValueAtRisk.studentT(returns, confidence: confidence, horizon: horizon)
        case .cornishFisher: return try ValueAtRisk.cornishFisher(returns, confidence: confidence, horizon: horizon)
        case .evt: return try ValueAtRisk.extremeValue(returns, confidence: confidence, horizon: horizon, thresholdQuantile: thresholdQuantile)
        case .fhs:
            // GARCH(1,1) by Gaussian quasi-maximum likelihood: the filter for FHS (the residuals'
            // own distribution then replaces the normal).
            return try ValueAtRisk.filteredHistorical(returns, confidence: confidence, horizon: horizon,
                                                      simulations: min(scenarios, 20_000), seed: seed)
        case .monteCarlo:
            let panel = try Matrix(assets ?? returns.map { [$0] })
            let w = weights ?? [1]
            let mean = (0..<panel.columns).map { j in panel.column(j).reduce(0, +) / Double(panel.rows) }
            let distribution: ScenarioSimulator.Distribution = monteCarloDegreesOfFreedom.map { .studentT(degreesOfFreedom: $0) } ?? .normal
            return try ValueAtRisk.monteCarlo(weights: w, mean: mean, covariance: Covariance.sample(panel), confidence: confidence,
                                              horizon: horizon, scenarios: scenarios, distribution: distribution, seed: seed)
        case .all: preconditionFailure("expanded by run()")
        }
    }

    /// The return series (a ticker's, or the weighted portfolio's) and, for portfolios, the assets'.
    func loadSeries() throws -> (String, [Timestamp], [Double], [[Double]]?, [Double]?) {
        guard let weights else {
            let series = try input.loadReturns(file)
            return (series.name, series.timestamps, series.returns, nil, nil)
        }
        guard input.values == .prices else { throw ValidationError("--weights needs a file of prices") }
        let parsed = try parseWeights(weights)
        let panel = try input.loadPanel(file)
        let columns = try panel.columns(of: parsed, path: file)
        let (stamps, assetReturns) = panel.commonReturns(columns.map(\.column))
        let w = columns.map(\.weight)
        let portfolio = assetReturns.map { zip($0, w).reduce(0) { $0 + $1.0 * $1.1 } }
        return ("portfolio(" + columns.map { "\($0.ticker)=\($0.weight)" }.joined(separator: ",") + ")", stamps, portfolio, assetReturns, w)
    }
}

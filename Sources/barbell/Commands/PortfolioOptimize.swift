import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell portfolio optimize PRICES`: weights per ticker and the portfolio's expected return,
/// volatility and Sharpe ratio, with PyPortfolioOpt's conventions (compounded mean historical
/// return and covariance annualised with 252 periods).
struct PortfolioOptimize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Optimise portfolio weights from a panel of prices (one column per ticker).",
        discussion: """
        Expected returns are the compounded mean historical return (PyPortfolioOpt's \
        mean_historical_return), the covariance one of sample, ledoit_wolf or exp, both annualised \
        with --frequency (252). A ticker whose prices start later (leading empty cells) keeps its \
        own returns: its expected return uses the dates it has, the sample and exp covariances are \
        pairwise over the dates both tickers have (pandas' cov), Ledoit-Wolf counts missing returns \
        as 0 (as PyPortfolioOpt), and min_cvar uses only the dates every ticker has; each is noted \
        in the output.
        """
    )

    enum Objective: String, ExpressibleByArgument, CaseIterable {
        case minVolatility = "min_volatility", maxSharpe = "max_sharpe", efficientReturn = "efficient_return"
        case efficientRisk = "efficient_risk", riskParity = "risk_parity", hrp, blackLitterman = "black_litterman"
        case minCVaR = "min_cvar"
    }

    @Argument(help: "Prices: a wide CSV (date, then one column per ticker) or any file 'barbell data import' reads.")
    var prices: String

    @OptionGroup var quant: QuantInputOptions

    @Option(help: "What to optimise: \(Objective.allCases.map(\.rawValue).joined(separator: ", ")).")
    var objective: Objective = .maxSharpe

    @Option(name: .customLong("cov"), help: "Covariance estimator: sample, ledoit_wolf or exp.")
    var covariance: PortfolioRiskModel = .sample

    @Option(help: "Span of the exp covariance, in periods.")
    var span: Double = 180

    @Option(help: "Periods per year for annualising (252 for daily prices).")
    var frequency: Double = 252

    @Option(name: .customLong("risk-free"), help: "Annual risk-free rate for the Sharpe ratio.")
    var riskFree: Double = 0

    @Option(help: "Per-asset weight bounds LO,HI (default 0,1: long only). Negative LO allows shorting.")
    var bounds: String = "0,1"

    @Option(name: .customLong("target-return"), help: "Annual expected return for efficient_return.")
    var targetReturn: Double?

    @Option(name: .customLong("target-volatility"), help: "Annual volatility for efficient_risk.")
    var targetVolatility: Double?

    @Option(name: .customLong("group"), help: "A group cap NAME:T1+T2+...:LO:HI (empty LO or HI for none); repeatable.")
    var groups: [String] = []

    @Option(help: "L1 turnover limit against --current weights (min_volatility, efficient_return, efficient_risk).")
    var turnover: Double?

    @Option(help: "Current weights for --turnover, e.g. AAPL=0.5,MSFT=0.5 (unlisted tickers hold 0).")
    var current: String?

    @Flag(name: .customLong("market-neutral"), help: "Weights sum to 0 (efficient_return and efficient_risk; needs negative LO).")
    var marketNeutral = false

    @Option(help: "Black-Litterman views, JSON: {\"absolute\": {\"AAPL\": 0.1}, \"relative\": [{\"long\": \"AAPL\", \"short\": \"MSFT\", \"return\": 0.02}], \"confidences\": [0.6, 0.4], \"market_caps\": {...}, \"risk_aversion\": 2.5, \"tau\": 0.05}.")
    var views: String?

    @Option(help: "CVaR confidence level for min_cvar.")
    var beta: Double = 0.95

    @Option(help: "Also print an efficient frontier of N points (mean-variance objectives).")
    var frontier: Int?

    @Flag(help: "Replace a singular or indefinite covariance by the nearest positive-definite one instead of failing.")
    var regularize = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if objective == .efficientReturn, targetReturn == nil { throw ValidationError("efficient_return needs --target-return") }
        if objective == .efficientRisk, targetVolatility == nil { throw ValidationError("efficient_risk needs --target-volatility") }
        if objective == .blackLitterman, views == nil { throw ValidationError("black_litterman needs --views FILE") }
        if turnover != nil, current == nil { throw ValidationError("--turnover needs --current weights") }
        if let frontier, frontier < 2 { throw ValidationError("--frontier needs at least 2 points") }
        _ = try parsedBounds()
    }

    func parsedBounds() throws -> (Double, Double) {
        let parts = bounds.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo <= hi else {
            throw ValidationError("--bounds must be LO,HI with LO ≤ HI, got '\(bounds)'")
        }
        return (lo, hi)
    }

    struct Output: Encodable {
        struct Weight: Encodable { var ticker: String; var weight: Double }
        struct Point: Encodable { var expectedReturn: Double; var volatility: Double; var sharpe: Double; var weights: [Weight] }
        var objective: String
        var status: String
        var weights: [Weight]
        var expectedReturn: Double
        var volatility: Double
        var sharpe: Double
        var conditionalValueAtRisk: Double?
        var diagnostics: [String]
        var frontier: [Point]?
    }

    func run() async throws {
        let panel = try quant.loadPanel(prices)
        let tickers = panel.tickers
        let n = tickers.count
        guard n >= 2 else { throw ValidationError("\(prices) holds \(n) ticker; a portfolio needs at least 2") }
        let matrix = try Matrix(rows: panel.prices.count, columns: n, values: panel.prices.flatMap { $0 })
        let returns: Matrix
        if quant.values == .returns {
            returns = matrix
        } else {
            returns = try ExpectedReturns.returns(fromPrices: matrix, logReturns: quant.returnKind == .log)
        }
        var notes = gapNotes(panel)
        let mu = try ExpectedReturns.meanHistorical(returns: returns, frequency: frequency)
        let sigma = try covariance.covariance(returns: returns, frequency: frequency, span: span)
        let constraints = try makeConstraints(tickers)

        do {
            var output = try optimise(returns: returns, mu: mu, sigma: sigma, tickers: tickers, constraints: constraints, notes: &notes)
            output.diagnostics = notes + output.diagnostics
            if let frontier, [.minVolatility, .maxSharpe, .efficientReturn, .efficientRisk].contains(objective) {
                let opt = try MeanVarianceOptimizer(expectedReturns: mu, covariance: sigma, names: tickers, constraints: constraints, regularize: regularize)
                output.frontier = try opt.efficientFrontier(points: frontier, riskFreeRate: riskFree).map {
                    .init(expectedReturn: $0.performance.expectedReturn, volatility: $0.performance.volatility, sharpe: $0.performance.sharpeRatio,
                          weights: zip(tickers, $0.weights).map { .init(ticker: $0, weight: $1) })
                }
            }
            try emit(output)
        } catch let error as QuantError where json {
            // Machines get the failure as JSON too, then the data-error exit.
            try printJSON(["objective": objective.rawValue, "status": "failed: \(error.code)", "error": error.message])
            throw CommandFailure(message: error.description)
        }
    }

    func optimise(returns: Matrix, mu: [Double], sigma: Matrix, tickers: [String], constraints: PortfolioConstraints,
                  notes: inout [String]) throws -> Output {
        let weights: [Double], status: String
        var diagnostics: [String] = []
        var cvar: Double?
        var perfMu = mu, perfSigma = sigma
        switch objective {
        case .minVolatility, .maxSharpe, .efficientReturn, .efficientRisk:
            let opt = try MeanVarianceOptimizer(expectedReturns: mu, covariance: sigma, names: tickers, constraints: constraints, regularize: regularize)
            let r: PortfolioResult = switch objective {
            case .minVolatility: try opt.minVolatility(riskFreeRate: riskFree)
            case .maxSharpe: try opt.maxSharpe(riskFreeRate: riskFree)
            case .efficientReturn: try opt.efficientReturn(targetReturn: targetReturn!, riskFreeRate: riskFree)
            default: try opt.efficientRisk(targetVolatility: targetVolatility!, riskFreeRate: riskFree)
            }
            (weights, status, diagnostics) = (r.weights, r.status, r.diagnostics)
            perfSigma = opt.covariance
        case .riskParity:
            let (cov, note) = try regularised(sigma, tickers)
            diagnostics += note
            let r = try RiskParity.optimize(covariance: cov)
            (weights, status) = (r.weights, "optimal (coordinate descent, largest relative budget error \(r.maxBudgetError))")
        case .hrp:
            let r = try HierarchicalRiskParity.optimize(returns: returns)
            (weights, status) = (r.weights, "optimal (single linkage, recursive bisection)")
            diagnostics.append("HRP clusters on the pairwise sample correlation of the returns (as PyPortfolioOpt's HRPOpt), whatever --cov says")
        case .minCVaR:
            var cvarConstraints = constraints
            cvarConstraints.turnover = nil
            let r = try MinimumCVaR.optimize(returns: returns, beta: beta, constraints: cvarConstraints)
            (weights, status, cvar) = (r.weights, "optimal (GLPK simplex)", r.conditionalValueAtRisk)
            if r.droppedRows > 0 { diagnostics.append("min_cvar dropped \(r.droppedRows) dates where some ticker had no return") }
        case .blackLitterman:
            let bl = try blackLitterman(sigma: sigma, tickers: tickers)
            let opt = try MeanVarianceOptimizer(expectedReturns: bl.posteriorReturns, covariance: bl.posteriorCovariance, names: tickers,
                                                constraints: constraints, regularize: regularize)
            let r = try opt.maxSharpe(riskFreeRate: riskFree)
            (weights, status) = (r.weights, r.status)
            diagnostics += r.diagnostics + ["weights maximise the Sharpe ratio under the Black-Litterman posterior returns and covariance"]
            (perfMu, perfSigma) = (bl.posteriorReturns, opt.covariance)
        }
        let perf = try PortfolioPerformance(weights: weights, expectedReturns: perfMu, covariance: perfSigma, riskFreeRate: riskFree)
        return Output(objective: objective.rawValue, status: status, weights: zip(tickers, weights).map { .init(ticker: $0, weight: $1) },
                      expectedReturn: perf.expectedReturn, volatility: perf.volatility, sharpe: perf.sharpeRatio,
                      conditionalValueAtRisk: cvar, diagnostics: diagnostics, frontier: nil)
    }

    /// Runs the covariance through the optimisers' positive-definiteness check (risk parity has no constraints to hide behind).
    func regularised(_ sigma: Matrix, _ tickers: [String]) throws -> (Matrix, [String]) {
        let opt = try MeanVarianceOptimizer(expectedReturns: Array(repeating: 0, count: tickers.count), covariance: sigma, names: tickers, regularize: regularize)
        return (opt.covariance, opt.diagnostics)
    }

    func makeConstraints(_ tickers: [String]) throws -> PortfolioConstraints {
        let (lo, hi) = try parsedBounds()
        var c = PortfolioConstraints(assetCount: tickers.count, lower: lo, upper: hi)
        c.marketNeutral = marketNeutral
        func index(_ t: String) throws -> Int {
            guard let k = tickers.firstIndex(of: t) else {
                throw ValidationError("unknown ticker '\(t)'; the file has \(tickers.joined(separator: ", "))")
            }
            return k
        }
        for spec in groups {
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4 else { throw ValidationError("--group must be NAME:T1+T2:LO:HI, got '\(spec)'") }
            let lower = parts[2].isEmpty ? -Double.infinity : Double(parts[2])
            let upper = parts[3].isEmpty ? Double.infinity : Double(parts[3])
            guard let lower, let upper else { throw ValidationError("--group '\(spec)': LO and HI must be numbers or empty") }
            c.groups.append(.init(name: parts[0], assets: try parts[1].split(separator: "+").map { try index(String($0)) }, lower: lower, upper: upper))
        }
        if let turnover, let current {
            var w = [Double](repeating: 0, count: tickers.count)
            for pair in current.split(separator: ",") {
                let kv = pair.split(separator: "=")
                guard kv.count == 2, let v = Double(kv[1]) else { throw ValidationError("--current must be T=W,T=W..., got '\(current)'") }
                w[try index(String(kv[0]))] = v
            }
            c.turnover = .init(current: w, limit: turnover)
        }
        return c
    }

    /// One note per ticker whose prices start later than the file's first date.
    func gapNotes(_ panel: PricePanel) -> [String] {
        panel.tickers.indices.compactMap { k in
            guard let first = panel.prices.firstIndex(where: { !$0[k].isNaN }), first > 0 else { return nil }
            return "\(panel.tickers[k]) starts at \(panel.timestamps[first].display) (\(first) rows after the first date): its estimates use its own dates, covariances pairwise"
        }
    }

    func emit(_ output: Output) throws {
        if json { try printJSON(output); return }
        var table = TextTable(["ticker", "weight"])
        for w in output.weights { table.add([w.ticker, String(format: "%.6f", w.weight)]) }
        print(table.render())
        print("expected return  \(String(format: "%.6f", output.expectedReturn))")
        print("volatility       \(String(format: "%.6f", output.volatility))")
        print("Sharpe           \(String(format: "%.6f", output.sharpe))")
        if let cvar = output.conditionalValueAtRisk { print("CVaR(\(beta))     \(String(format: "%.6f", cvar))") }
        print("status           \(output.status)")
        for note in output.diagnostics { print("note: \(note)") }
        if let frontier = output.frontier {
            var t = TextTable(["return", "volatility", "sharpe"])
            for p in frontier { t.add([String(format: "%.6f", p.expectedReturn), String(format: "%.6f", p.volatility), String(format: "%.6f", p.sharpe)]) }
            print("efficient frontier")
            print(t.render())
        }
    }
}

extension PortfolioRiskModel: ExpressibleByArgument {}

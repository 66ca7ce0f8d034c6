import BarbellData
import Foundation

/// What to compute beyond the plain statistics.
public struct ReportOptions: Sendable, Equatable {
    /// Strategies tried to find this one (≥ 1), e.g. a study's trial count.
    public var trials: Int
    /// Variance of the trials' per-period Sharpe ratios; nil uses the sampling variance of this
    /// run's Sharpe estimate — how far unskilled trials of this length would scatter.
    public var sharpeVariance: Double?
    /// Stationary-bootstrap resamples (0: none).
    public var bootstrap: Int
    public var seed: UInt64
    /// Hidden Markov regimes for the split (0: none).
    public var regimes: Int
    /// Probability of backtest overfitting from a comparison, if the caller computed it.
    public var probabilityOfOverfitting: Double?

    public init(trials: Int = 1, sharpeVariance: Double? = nil, bootstrap: Int = 1000, seed: UInt64 = 0,
                regimes: Int = 3, probabilityOfOverfitting: Double? = nil) {
        self.trials = trials
        self.sharpeVariance = sharpeVariance
        self.bootstrap = bootstrap
        self.seed = seed
        self.regimes = regimes
        self.probabilityOfOverfitting = probabilityOfOverfitting
    }
}

extension BacktestReport {
    /// Computes the report of `run`; also returns the market regimes it labelled, for the tearsheet.
    public static func make(_ run: BacktestRun, options: ReportOptions) throws -> (BacktestReport, MarketRegimes?) {
        let result = run.result
        let ppy = result.periodsPerYear
        let returns = try Returns(result.returns, periodsPerYear: ppy, name: "strategy returns")
        var benchmark: Performance?
        var benchmarkReturns: Returns?
        var alpha: Double?, beta: Double?
        if let equity = run.benchmarkEquity {
            let r = try Returns(simpleReturns(equity, initial: result.initialCash), periodsPerYear: ppy, name: "benchmark returns")
            benchmarkReturns = r
            benchmark = Performance(r, finalEquity: equity.last ?? result.initialCash)
            if let ab = try? returns.alphaBeta(benchmark: r) { (alpha, beta) = (ab.alpha, ab.beta) }
        }

        var tradeStatistics: TradeStatistics?
        var openPositions = 0
        if !result.fills.isEmpty {
            let trips = try RoundTrips.from(fills: result.fills, symbolCount: result.symbols.count)
            openPositions = trips.open.count
            if !trips.closed.isEmpty { tradeStatistics = try TradeStatistics(roundTrips: trips.closed) }
        }
        let path = try PathStatistics(equity: result.equity, grossExposure: result.grossExposure,
                                      tradedValue: result.tradedValue, periodsPerYear: ppy)

        let trials = max(1, options.trials)
        let psr = returns.probabilisticSharpeRatio()
        let sr = returns.periodSharpeRatio
        let samplingVariance = (1 - returns.skewness * sr + (returns.excessKurtosis + 2) / 4 * sr * sr) / Double(returns.values.count - 1)
        let variance = options.sharpeVariance ?? samplingVariance
        var dsr: Double?, expectedMax: Double?
        if trials >= 2, let d = try? returns.deflatedSharpeRatio(trials: trials, sharpeVariance: variance) {
            dsr = d.dsr
            expectedMax = d.expectedMaximum * ppy.squareRoot()
        }
        var sharpeInterval: BootstrapInterval?, drawdownInterval: BootstrapInterval?
        if options.bootstrap > 0, let ci = try? returns.bootstrapIntervals(resamples: options.bootstrap, seed: options.seed) {
            (sharpeInterval, drawdownInterval) = (ci.sharpe, ci.maxDrawdown)
        }
        let honesty = Honesty(probabilisticSharpe: psr, deflatedSharpe: dsr, trials: trials, sharpeVariance: variance,
                              sharpeVarianceSource: options.sharpeVariance == nil ? "sampling variance of this run's Sharpe estimate" : "given",
                              expectedMaximumSharpe: expectedMax, sharpeInterval: sharpeInterval,
                              maxDrawdownInterval: drawdownInterval, probabilityOfOverfitting: options.probabilityOfOverfitting)

        var regimes: MarketRegimes?
        var regimePerformance: RegimePerformance?
        if options.regimes > 0 {
            let market = benchmarkReturns?.values ?? marketReturns(run.grid)
            var marked = market
            marked[0] = .nan   // the first bar's return is against cash, not a market move
            if let labelled = try? MarketRegimes(returns: marked, states: options.regimes, periodsPerYear: ppy, seed: options.seed) {
                regimes = labelled
                var names: [Int: String] = [:]
                for (i, n) in labelled.names.enumerated() { names[i] = n }
                regimePerformance = try RegimePerformance(returns: returns.values, labels: labelled.labels, names: names, periodsPerYear: ppy)
            }
        }

        var exceptions: [String: Int] = [:]
        for e in result.exceptions { exceptions[e.kind.rawValue, default: 0] += 1 }
        let costs = Costs(commission: result.ledger.commissionPaid, slippage: result.ledger.slippagePaid,
                          borrow: result.ledger.borrowPaid,
                          fractionOfInitialCash: (result.ledger.commissionPaid + result.ledger.slippagePaid + result.ledger.borrowPaid) / result.initialCash)
        let report = BacktestReport(
            name: run.configuration.name, symbols: result.symbols, bars: result.timestamps.count,
            first: result.timestamps.first!, last: result.timestamps.last!, periodsPerYear: ppy,
            strategy: Performance(returns, finalEquity: result.finalEquity), benchmark: benchmark,
            benchmarkName: run.benchmarkName, alpha: alpha, beta: beta, trades: tradeStatistics,
            openPositions: openPositions, path: path, costs: costs, honesty: honesty, regimes: regimePerformance,
            regimeNames: regimes?.names, fills: result.fills.count, orderExceptions: exceptions, notes: run.notes)
        return (report, regimes)
    }

    /// Simple returns of an equity curve, the first against `initial`.
    public static func simpleReturns(_ equity: [Double], initial: Double) -> [Double] {
        var previous = initial
        return equity.map { e in
            defer { previous = e }
            return e / previous - 1
        }
    }

    /// The equal-weight average of the symbols' close-to-close returns at each bar (0 where none
    /// traded): the market the regimes are read from when there is no benchmark.
    static func marketReturns(_ grid: PriceGrid) -> [Double] {
        (0..<grid.barCount).map { t in
            guard t > 0 else { return 0 }
            var sum = 0.0, n = 0.0
            for c in grid.close where !c[t].isNaN && !c[t - 1].isNaN {
                sum += c[t] / c[t - 1] - 1
                n += 1
            }
            return n > 0 ? sum / n : 0
        }
    }
}

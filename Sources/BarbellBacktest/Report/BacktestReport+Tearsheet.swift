import BarbellData
import Foundation

extension BacktestReport {
    /// The tearsheet of this report's run: the curves from `run`, the statistics from the report,
    /// the regimes it labelled and, when a model drove the strategy, the model's feature importance.
    public func tearsheet(run: BacktestRun, regimes: MarketRegimes?, featureImportance: [TearsheetImportance]? = nil,
                          generatedBy: String = "Barbell") throws -> TearsheetData {
        let result = run.result
        let exposure = zip(result.grossExposure, result.equity).map { $1 > 0 ? $0 / $1 : 0 }
        let net = zip(result.netExposure, result.equity).map { $1 > 0 ? $0 / $1 : 0 }
        var trades: [TearsheetTrade] = []
        if !result.fills.isEmpty {
            let trips = try RoundTrips.from(fills: result.fills, symbolCount: result.symbols.count)
            trades = trips.closed.map { t in
                TearsheetTrade(symbol: result.symbols[t.symbol], entryTime: t.entryTimestamp, exitTime: t.exitTimestamp,
                               quantity: t.direction == .long ? t.quantity : -t.quantity, entryPrice: t.entryPrice,
                               exitPrice: t.exitPrice, pnl: t.netPnL, returnValue: t.returnOnEntry, barsHeld: t.barsHeld)
            }
        }
        var regimeSection: TearsheetRegimes?
        if let regimes {
            let prices = run.benchmarkEquity ?? result.equity
            let rows = self.regimes?.regimes.filter { $0.label >= 0 }.map { r in
                TearsheetStatistic(name: r.name ?? "regime \(r.label)", value: r.sharpe ?? .nan,
                                   formatted: String(format: "Sharpe %@, %@/yr, %.0f%% of bars",
                                                     Self.format(r.sharpe, "%.2f") as NSString,
                                                     Self.format(r.compoundedAnnualReturn * 100, "%+.1f%%") as NSString, r.fraction * 100),
                                   note: String(format: "max drawdown %.1f%%, hit rate %.1f%%", r.maxDrawdown * 100, r.hitRate * 100))
            }
            regimeSection = TearsheetRegimes(prices: prices, labels: regimes.labels, names: regimes.names,
                                             priceName: run.benchmarkName ?? "strategy equity", statistics: rows)
        }
        return TearsheetData(
            title: name, subtitle: "\(symbols.count) symbol\(symbols.count == 1 ? "" : "s"), \(first.display) – \(last.display), \(bars) bars",
            notes: notes + ["Costs paid: " + String(format: "%.2f (%.2f%% of initial cash)", costs.commission + costs.slippage + costs.borrow, costs.fractionOfInitialCash * 100)],
            generatedBy: generatedBy, symbols: symbols, timestamps: result.timestamps, equity: result.equity,
            benchmarkEquity: run.benchmarkEquity, benchmarkName: run.benchmarkName, exposure: exposure, netExposure: net,
            statistics: statisticRows, honesty: honestyRows, regimes: regimeSection, featureImportance: featureImportance,
            trades: trades, periodsPerYear: periodsPerYear, rollingWindow: periodsPerYear >= 200 ? 63 : max(2, Int(periodsPerYear / 4)))
    }

    static func format(_ value: Double?, _ pattern: String) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: pattern, value)
    }

    /// The performance rows, strategy and benchmark side by side in the note.
    public var statisticRows: [TearsheetStatistic] {
        func row(_ name: String, _ value: Double, _ pattern: String, _ bench: Double?, scale: Double = 1) -> TearsheetStatistic {
            TearsheetStatistic(name: name, value: value, formatted: Self.format(value * scale, pattern),
                               note: bench.map { "benchmark " + Self.format($0 * scale, pattern) })
        }
        let s = strategy, b = benchmark
        var rows = [
            row("Total return", s.totalReturn, "%+.2f%%", b?.totalReturn, scale: 100),
            row("Annual return (CAGR)", s.annualReturn, "%+.2f%%", b?.annualReturn, scale: 100),
            row("Annual volatility", s.annualVolatility, "%.2f%%", b?.annualVolatility, scale: 100),
            row("Sharpe ratio", s.sharpe, "%.2f", b?.sharpe),
            row("Sortino ratio", s.sortino, "%.2f", b?.sortino),
            row("Calmar ratio", s.calmar, "%.2f", b?.calmar),
            row("Omega ratio", s.omega, "%.2f", b?.omega),
            row("Max drawdown", s.maxDrawdown, "%.2f%%", b?.maxDrawdown, scale: 100),
            TearsheetStatistic(name: "Max drawdown duration", value: Double(s.maxDrawdownDuration), formatted: "\(s.maxDrawdownDuration) bars",
                               note: b.map { "benchmark \($0.maxDrawdownDuration) bars" }),
            row("Tail ratio", s.tailRatio, "%.2f", b?.tailRatio),
            row("Daily VaR 95%", s.valueAtRisk, "%.2f%%", b?.valueAtRisk, scale: 100),
            row("Daily CVaR 95%", s.conditionalValueAtRisk, "%.2f%%", b?.conditionalValueAtRisk, scale: 100),
            row("Skew", s.skew, "%.2f", b?.skew),
            row("Excess kurtosis", s.excessKurtosis, "%.2f", b?.excessKurtosis),
        ]
        if let alpha, let beta {
            rows.append(TearsheetStatistic(name: "Alpha (annual)", value: alpha, formatted: Self.format(alpha * 100, "%+.2f%%")))
            rows.append(TearsheetStatistic(name: "Beta", value: beta, formatted: Self.format(beta, "%.2f")))
        }
        if let t = trades {
            rows.append(TearsheetStatistic(name: "Round trips", value: Double(t.trades), formatted: "\(t.trades)",
                                           note: "\(t.longTrades) long, \(t.shortTrades) short"))
            rows.append(TearsheetStatistic(name: "Hit rate", value: t.hitRate, formatted: Self.format(t.hitRate * 100, "%.1f%%")))
            rows.append(TearsheetStatistic(name: "Profit factor", value: t.profitFactor ?? .infinity, formatted: Self.format(t.profitFactor, "%.2f")))
            rows.append(TearsheetStatistic(name: "Average win / loss", value: t.payoffRatio ?? .nan,
                                           formatted: Self.format(t.averageWin, "%.2f") + " / " + Self.format(t.averageLoss, "%.2f")))
            rows.append(TearsheetStatistic(name: "Average holding", value: t.averageBarsHeld, formatted: Self.format(t.averageBarsHeld, "%.1f bars"),
                                           note: "median " + Self.format(t.medianBarsHeld, "%.1f")))
        }
        rows.append(TearsheetStatistic(name: "Annual turnover", value: path.annualTurnover ?? .nan, formatted: Self.format(path.annualTurnover, "%.2f×")))
        rows.append(TearsheetStatistic(name: "Time in market", value: path.timeInMarket, formatted: Self.format(path.timeInMarket * 100, "%.1f%%"),
                                       note: "mean gross exposure " + Self.format(path.averageExposure * 100, "%.1f%%")))
        return rows
    }

    /// The honesty rows: how likely the result is to be luck.
    public var honestyRows: [TearsheetStatistic] {
        let h = honesty
        var rows = [TearsheetStatistic(name: "Probabilistic Sharpe ratio", value: h.probabilisticSharpe,
                                       formatted: Self.format(h.probabilisticSharpe, "%.3f"), note: "P(true Sharpe > 0)")]
        if let dsr = h.deflatedSharpe {
            rows.append(TearsheetStatistic(name: "Deflated Sharpe ratio (DSR)", value: dsr, formatted: Self.format(dsr, "%.3f"),
                                           note: "\(h.trials) trials; the best unskilled one would show Sharpe " + Self.format(h.expectedMaximumSharpe, "%.2f")))
        } else {
            rows.append(TearsheetStatistic(name: "Deflated Sharpe ratio (DSR)", value: .nan, formatted: "–",
                                           note: "1 trial recorded: give the trial count to deflate"))
        }
        if let ci = h.sharpeInterval {
            rows.append(TearsheetStatistic(name: "Sharpe \(Int(ci.confidence * 100))% interval", value: ci.estimate,
                                           formatted: Self.format(ci.lower, "%.2f") + " to " + Self.format(ci.upper, "%.2f"),
                                           note: "stationary bootstrap, \(ci.resamples) resamples, mean block " + Self.format(ci.expectedBlockLength, "%.1f")))
        }
        if let ci = h.maxDrawdownInterval {
            rows.append(TearsheetStatistic(name: "Max drawdown \(Int(ci.confidence * 100))% interval", value: ci.estimate,
                                           formatted: Self.format(ci.lower * 100, "%.1f%%") + " to " + Self.format(ci.upper * 100, "%.1f%%"),
                                           note: "stationary bootstrap"))
        }
        if let pbo = h.probabilityOfOverfitting {
            rows.append(TearsheetStatistic(name: "Probability of backtest overfitting", value: pbo, formatted: Self.format(pbo, "%.2f"),
                                           note: "combinatorially symmetric cross-validation over the compared strategies"))
        }
        return rows
    }
}

import BarbellData
import BarbellQuant
import Foundation

/// Step 7 of `barbell demo`: a risk summary of the bundled data — GARCH volatility, VaR and ES
/// by several methods, the EVT tail, an optimised portfolio and its crisis stress test.
enum DemoRisk {
    static func summary(spx: BarSeries, stocks: [LoadedSeries], samples: String) throws -> String {
        var lines: [String] = []
        let closes = spx.close
        let returns = zip(closes, closes.dropFirst()).map { $1 / $0 - 1 }
        let first = spx.timestamps.first?.display ?? "-", last = spx.timestamps.last?.display ?? "-"
        lines.append("7. Risk: S&P 500 daily returns \(first) – \(last) (\(returns.count) returns)")

        // GARCH(1,1) with Student-t innovations on percent returns, as arch fits them.
        let fit = try GARCHModel.garch(innovations: .studentT).fit(returns.map { $0 * 100 })
        let p = fit.namedParameters
        let forecast = try fit.forecastVariance(horizon: 10)
        let annualised = { (variance: Double) in (variance * 252).squareRoot() }
        lines.append(String(format: "   GARCH(1,1)-t: ω %.4f  α %.4f  β %.4f  ν %.2f  log-likelihood %.2f", p["omega"]!, p["alpha[1]"]!, p["beta[1]"]!, p["nu"]!, fit.logLikelihood))
        lines.append(String(format: "   volatility (annualised) at the last close %.1f%%, forecast 1 day ahead %.1f%%, 10 days ahead %.1f%%; persistence α+β %.4f",
                            annualised(fit.conditionalVariance.last!), annualised(forecast[0]), annualised(forecast[9]),
                            p["alpha[1]"]! + p["beta[1]"]!))

        var table = TextTable(["method (99%, 1 day)", "VaR", "ES"], rightAligned: [1, 2])
        for estimate in [try ValueAtRisk.historical(returns, confidence: 0.99), try ValueAtRisk.normal(returns, confidence: 0.99),
                         try ValueAtRisk.studentT(returns, confidence: 0.99), try ValueAtRisk.cornishFisher(returns, confidence: 0.99),
                         try ValueAtRisk.extremeValue(returns, confidence: 0.99), try ValueAtRisk.filteredHistorical(returns, confidence: 0.99)] {
            table.add([estimate.method, String(format: "%.2f%%", estimate.valueAtRisk * 100), String(format: "%.2f%%", estimate.expectedShortfall * 100)])
        }
        lines.append(table.render().split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
        let backtest = try VaRBacktest.rolling(returns, window: 500, confidence: 0.99) { try ValueAtRisk.historical($0, confidence: 0.99) }.backtest
        lines.append(String(format: "   rolling 500-day historical VaR: %d violations in %d days (expected %.0f), Kupiec p %.3f, Christoffersen p %.3f",
                            backtest.violations, backtest.observations, Double(backtest.observations) * 0.01, backtest.kupiecPValue, backtest.independencePValue))
        let tail = try PeaksOverThreshold(losses: returns.map { -$0 }, threshold: .quantile(0.95))
        let hill = try HillEstimate(returns.map { -$0 }, tailCount: tail.tail.count)
        lines.append(String(format: "   EVT: GPD tail of losses above %.2f%%: ξ %.3f (tail index %.1f; Hill %.1f), 99.9%% VaR %.2f%%, ES %.2f%%",
                            tail.threshold * 100, tail.tail.shape, 1 / tail.tail.shape, hill.tailIndex,
                            try tail.valueAtRisk(confidence: 0.999) * 100, try tail.expectedShortfall(confidence: 0.999) * 100))

        // Portfolio: the 20 bundled stocks over their last five years, Ledoit-Wolf covariance.
        let names = stocks.map(\.series.symbol.name)
        let start = Timestamp(year: 2018, month: 1, day: 1)
        let rows = stocks[0].series.timestamps.indices.filter { stocks[0].series.timestamps[$0] >= start }
        let prices = try Matrix(rows.map { t in stocks.map { $0.series.close[t] } })
        let assetReturns = try ExpectedReturns.returns(fromPrices: prices)
        let mu = try ExpectedReturns.meanHistorical(prices: prices)
        let sigma = try PortfolioRiskModel.ledoitWolf.covariance(returns: assetReturns)
        let optimizer = try MeanVarianceOptimizer(expectedReturns: mu, covariance: sigma, names: names)
        let minVol = try optimizer.minVolatility(), sharpe = try optimizer.maxSharpe(riskFreeRate: 0.02)
        let hrp = try HierarchicalRiskParity.optimize(returns: assetReturns)
        func top(_ w: [Double]) -> String {
            w.indices.sorted { w[$0] > w[$1] }.prefix(5).filter { w[$0] > 0.005 }.map { String(format: "%@ %.0f%%", names[$0], w[$0] * 100) }.joined(separator: ", ")
        }
        lines.append("   Portfolios of the 20 bundled stocks (2018–2022, Ledoit-Wolf covariance, annualised, in-sample):")
        lines.append(String(format: "     min volatility: vol %.1f%%, return %.1f%% — %@", minVol.performance.volatility * 100, minVol.performance.expectedReturn * 100, top(minVol.weights)))
        lines.append(String(format: "     max Sharpe (rf 2%%): Sharpe %.2f, vol %.1f%% — %@", sharpe.performance.sharpeRatio, sharpe.performance.volatility * 100, top(sharpe.weights)))
        lines.append("     HRP: \(top(hrp.weights))")

        // Stress the max-Sharpe portfolio through the four crises.
        var weights: [String: Double] = [:], series: [String: StressTest.Series] = [:]
        for (k, name) in names.enumerated() where sharpe.weights[k] > 1e-6 {
            weights[name] = sharpe.weights[k]
            series[name] = try StressTest.Series(timestamps: stocks[k].series.timestamps, values: stocks[k].series.close)
        }
        let index = try MarketFile.loadBars(samples + "/skfolio_sp500_index.csv.gz")[0].series
        let factors = try FamaFrenchFactors.load(samples + "/arch_frenchdata.csv.gz")
        let market = try zip(factors.column("Mkt-RF"), factors.column("RF")).map { $0 + $1 }
        let stress = try StressTest(weights: weights, prices: series,
                                    index: StressTest.Series(timestamps: index.timestamps, values: index.close),
                                    monthlyMarket: Dictionary(uniqueKeysWithValues: zip(factors.periods, market)))
        let outcomes = try HistoricalScenario.standard.map { try stress.replay($0) }
        lines.append("     stress (buy and hold through each window): " + outcomes.map { String(format: "%@ %+.1f%%", $0.name, $0.portfolioReturn * 100) }.joined(separator: ", "))
        lines.append("   Reported risk figures are estimates from history; `barbell risk --help`, `barbell portfolio --help`, `barbell options --help` for more.")
        return lines.joined(separator: "\n")
    }
}

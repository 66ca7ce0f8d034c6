import ArgumentParser
import BarbellData
import BarbellQuant
import Foundation

/// `barbell risk stress PRICES --weights ...`: P&L of a portfolio under stress scenarios.
struct RiskStress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Stress a portfolio: historical crisis replays, factor shocks and fat-tailed Monte Carlo.",
        discussion: """
        Historical scenarios (1987 crash, 2000–02 dot-com, 2008 crisis, 2020 COVID) replay each \
        asset's own prices over the window; an asset without prices there moves by its beta to the \
        index times the index's return, and before the daily index starts by the monthly market \
        factor. Defaults use the bundled S&P 500 index and Fama-French factors in Samples/.
        """
    )

    @Argument(help: "Prices of the portfolio's tickers (wide CSV or any multi-ticker file).")
    var file: String

    @Option(help: "Portfolio weights, e.g. AAPL=0.4,JPM=0.3,XOM=0.3.")
    var weights: String

    @Option(help: "Daily index levels for betas and proxies (default: Samples/skfolio_sp500_index.csv.gz).")
    var index = "Samples/skfolio_sp500_index.csv.gz"

    @Option(help: "Fama-French monthly factors, for windows before the index starts (default: Samples/arch_frenchdata.csv.gz).")
    var factors = "Samples/arch_frenchdata.csv.gz"

    @Option(help: "A market shock applied through each asset's index beta, e.g. -0.2 (repeatable).")
    var shock: [Double] = [-0.1, -0.2, -0.3]

    @Option(name: .customLong("mc-dof"), help: "Degrees of freedom of the Student-t Monte Carlo stress.")
    var degreesOfFreedom = 3.0

    @Option(help: "Monte Carlo scenarios.")
    var scenarios = 100_000

    @Option(help: "Monte Carlo seed.")
    var seed: UInt64 = 42

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var input: QuantInputOptions

    func run() throws {
        let parsed = try parseWeights(weights)
        let panel = try input.loadPanel(file)
        let columns = try panel.columns(of: parsed, path: file)
        var prices: [String: StressTest.Series] = [:]
        for c in columns {
            prices[c.ticker] = try StressTest.Series(timestamps: panel.timestamps, values: panel.prices.map { $0[c.column] })
        }
        guard let indexSeries = try MarketFile.loadBars(index).first?.series else {
            throw CommandFailure(message: "\(index): no index rows")
        }
        let indexLevels = try StressTest.Series(timestamps: indexSeries.timestamps, values: indexSeries.close)
        var monthly: [Int: Double] = [:]
        if FileManager.default.fileExists(atPath: factors) {
            let ff = try FamaFrenchFactors.load(factors)
            let market = try zip(ff.column("Mkt-RF"), ff.column("RF")).map { $0 + $1 }
            monthly = Dictionary(uniqueKeysWithValues: zip(ff.periods, market))
        }
        let test = try StressTest(weights: parsed, prices: prices, index: indexLevels, monthlyMarket: monthly)
        var outcomes: [StressOutcome] = []
        for scenario in HistoricalScenario.standard {
            do {
                outcomes.append(try test.replay(scenario))
            } catch let error as QuantError where error.code == .insufficientData {
                FileHandle.standardError.write(Data("warning: \(scenario.name) skipped: \(error.message)\n".utf8))
            }
        }
        var exposures: [String: [String: Double]] = [:]
        for c in columns { exposures[c.ticker] = ["market": try test.beta(of: c.ticker)] }
        for s in shock {
            outcomes.append(try test.factorShock(name: "market_\(Int((s * 100).rounded()))pct", exposures: exposures, shocks: ["market": s]))
        }
        outcomes.append(try test.monteCarlo(degreesOfFreedom: degreesOfFreedom, scenarios: scenarios, seed: seed))
        if json { return try printJSON(outcomes) }
        var table = TextTable(["scenario", "kind", "portfolio"] + columns.map(\.ticker), rightAligned: Set(2..<(3 + columns.count)))
        for o in outcomes {
            table.add([o.name, o.kind, String(format: "%+.2f%%", o.portfolioReturn * 100)]
                      + columns.map { c in o.assetReturns[c.ticker].map { String(format: "%+.2f%%", $0 * 100) + (o.sources[c.ticker] == "replayed" || o.sources[c.ticker] == nil ? "" : "*") } ?? "-" })
        }
        print(table.render())
        print("* proxied: beta to the index × the index's (or the monthly market's) return. Monte Carlo row: expected shortfall at 99%.")
        for o in outcomes where o.kind == "monte_carlo" { print(o.notes) }
    }
}

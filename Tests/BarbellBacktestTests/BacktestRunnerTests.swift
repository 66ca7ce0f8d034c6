import BarbellData
import BarbellLearning
import Foundation
import Testing
@testable import BarbellBacktest

/// `BacktestRunner` end to end on the bundled real data: each configured strategy gives exactly
/// what the engine gives when driven by hand, the two engines agree, a model's in-sample scores are
/// left out, benchmarks are valued as documented, and bad configurations name their field.
@Suite struct BacktestRunnerTests {
    typealias Support = RunnerTestSupport

    /// Quandl WIKI sample: AAPL, MSFT, BRK_A, ZEN, 2014, OHLCV.
    static let quandl: [BarSeries] = try! Support.panel(Support.quandl)

    static func configuration(_ yaml: String) throws -> BacktestConfiguration {
        try BacktestConfiguration.parse(yaml, source: "test.yaml")
    }

    static func settings(_ grid: PriceGrid, cash: Double = 1_000_000, commissionBps: Double = 0,
                         slippage: SlippageModel = .none, allowShort: Bool = false) -> ExecutionSettings {
        ExecutionSettings(initialCash: cash, commission: CommissionSchedule(basisPoints: commissionBps), slippage: slippage,
                          allowShort: allowShort, periodsPerYear: grid.inferredPeriodsPerYear)
    }

    // MARK: crossover

    @Test func crossoverOnTheSP500EqualsTheEngineDrivenByHand() throws {
        let config = try Self.configuration("""
            name: sp500-crossover
            data: {files: [\(Support.sp500)], from: 2005-01-01, to: 2008-12-31}
            strategy: {type: crossover, fast: 10, slow: 30, shares: 100}
            costs: {commissionBps: 10, slippage: {model: fixed, bps: 2}}
            execution: {initialCash: 1000000}
            benchmark: none
            """)
        let run = try BacktestRunner(config).run()
        let grid = try PriceGrid(series: Support.panel(Support.sp500, from: "2005-01-01", to: "2009-01-01"))
        #expect(run.grid == grid)
        #expect(grid.barCount > 1000)
        let settings = Self.settings(grid, commissionBps: 10, slippage: .fixedBasisPoints(2))
        #expect(run.settings == settings)
        let direct = try EventEngine(grid: grid, settings: settings)
            .run(StrategyGroup([MovingAverageCrossover(symbol: 0, fast: 10, slow: 30, entry: .shares(100))]))
        #expect(direct.fills.count > 20)
        VectorizedEquivalenceTests.expectIdentical(run.result, direct)
        #expect(run.targets == nil && run.benchmarkEquity == nil && run.benchmarkName == nil)
        #expect(run.notes.isEmpty)
    }

    @Test(arguments: [("fraction: 0.2", 0.2), ("", 0.25)])
    func crossoverOnFourStocksEqualsTheEngineDrivenByHand(_ entry: String, _ fraction: Double) throws {
        let config = try Self.configuration("""
            name: quandl-crossover
            data: {files: [unused]}
            strategy: {type: crossover, fast: 5, slow: 20\(entry.isEmpty ? "" : ", " + entry)}
            costs: {commissionBps: 5}
            """)
        let run = try BacktestRunner(config).run(panel: Self.quandl)
        let grid = try PriceGrid(series: Self.quandl)
        let members = try (0..<4).map { s throws(BacktestError) in
            try MovingAverageCrossover(symbol: s, fast: 5, slow: 20, entry: .fractionOfEquity(fraction))
        }
        let direct = try EventEngine(grid: grid, settings: Self.settings(grid, commissionBps: 5)).run(StrategyGroup(members))
        #expect(Set(direct.fills.map(\.symbol)) == [0, 1, 2, 3])
        VectorizedEquivalenceTests.expectIdentical(run.result, direct)
        // OHLC data: no closes-only note.
        #expect(!run.notes.contains { $0.contains("closes only") })
    }

    // MARK: signals

    /// Seeded scores on the Quandl panel's bars, about one in ten left out.
    static func quandlScores(seed: UInt64) -> [BarPrediction] {
        var rng = SplitMix64(seed: seed)
        func u() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        var out: [BarPrediction] = []
        for series in quandl {
            for time in series.timestamps where u() > 0.1 {
                out.append(BarPrediction(symbol: series.symbol.name, timestamp: time, score: (u() * 2 - 1).rounded(toPlaces: 6)))
            }
        }
        return out
    }

    /// (portfolio section, shorting allowed, the ScorePortfolio it stands for given periods per year)
    static let portfolios: [(String, Bool, @Sendable (Double) throws -> ScorePortfolio)] = [
        ("{rule: topk-dropout, k: 2, drop: 1, rebalance: 5}", false,
         { _ in try ScorePortfolio(rule: .topKDropout(k: 2, drop: 1), every: 5) }),
        ("{rule: quantiles, quantile: 0.25, sizing: risk-parity, lookback: 10}", true,
         { _ in try ScorePortfolio(rule: .quantiles(0.25), sizing: .inverseVolatility(lookback: 10, grossExposure: 1)) }),
        ("{rule: threshold, long: 0.5, sizing: fixed-fraction, fraction: 0.2, rebalance: 3}", false,
         { _ in try ScorePortfolio(rule: .threshold(long: 0.5, short: nil), sizing: .fixedFraction(0.2), every: 3) }),
        ("{rule: topk-dropout, k: 3, drop: 1, sizing: volatility-target, target: 0.15, lookback: 20}", false,
         { p in try ScorePortfolio(rule: .topKDropout(k: 3, drop: 1),
                                   sizing: .volatilityTarget(annualTarget: 0.15, lookback: 20, periodsPerYear: p, maxLeverage: 1)) }),
    ]

    @Test(arguments: portfolios.indices)
    func signalsEqualTargetWeightsFromScorePortfolioOnBothEngines(_ i: Int) throws {
        let (section, shorts, portfolio) = Self.portfolios[i]
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let predictions = Self.quandlScores(seed: 31 + UInt64(i))
        try Support.csv(predictions).write(to: folder.appendingPathComponent("scores.csv"), atomically: true, encoding: .utf8)
        var config = try Self.configuration("""
            name: quandl-signals
            data: {files: [unused]}
            strategy: {type: signals, file: scores.csv}
            portfolio: \(section)
            costs: {commissionBps: 5}
            execution: {initialCash: 100000, allowShort: \(shorts)}
            """)
        // The file is found relative to the configuration's folder.
        let run = try BacktestRunner(config, base: folder.path).run(panel: Self.quandl)

        let grid = try PriceGrid(series: Self.quandl)
        let settings = Self.settings(grid, cash: 100_000, commissionBps: 5, allowShort: shorts)
        #expect(run.settings == settings)
        let scores = try ScoreMatrix(predictions: predictions, grid: grid, source: "scores")
        let targets = try portfolio(settings.periodsPerYear).targets(scores: scores, grid: grid)
        #expect(Support.same(try #require(run.targets), targets))
        let direct = try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
        #expect(direct.fills.count > 10)
        VectorizedEquivalenceTests.expectIdentical(run.result, direct)

        config.execution.engine = "vectorized"
        let vectorized = try BacktestRunner(config, base: folder.path).run(panel: Self.quandl)
        VectorizedEquivalenceTests.expectIdentical(vectorized.result, run.result)
        #expect(vectorized.benchmarkEquity == run.benchmarkEquity)
    }

    // MARK: model

    @Test func modelStrategyDropsInSampleScoresAndEqualsItsOwnScoresAsSignals() throws {
        // The 20-stock closes-only panel, 2019–2020; the model learns from 2019 only.
        let panel = try Support.panel(Support.skfolio, from: "2019-01-01", to: "2021-01-01")
        #expect(panel.count == 20)
        let training = panel.map { $0.slice(to: Support.day("2020-01-01")) }
        let experiment = try ExperimentConfiguration.parse("""
            name: skfolio-ridge
            seed: 3
            data: {files: [unused]}
            features: [ROCP(timeperiod=1), ROCP(timeperiod=5), RSI(timeperiod=14)]
            label: {kind: forward-return, horizon: 3}
            validation: {testBars: 40, firstTest: 0.6, validation: 0}
            model: {type: ridge, alpha: 1}
            """, source: "skfolio.yaml")
        let result = try ExperimentRunner(experiment).run(panel: training)
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let artifactPath = folder.appendingPathComponent("ridge.bbm").path
        try result.artifact(codeVersion: "test", symbols: panel.map(\.symbol.name)).write(to: artifactPath)
        let predictor = try ArtifactPredictor(path: artifactPath)
        #expect(predictor.manifest.label.horizon == 3)
        #expect(predictor.manifest.trainingEnd < Support.day("2020-01-01"))

        let config = try Self.configuration("""
            name: skfolio-model
            data: {files: [unused]}
            strategy: {type: model, artifact: ridge.bbm}
            portfolio: {rule: topk-dropout, k: 5, drop: 2}
            costs: {commissionBps: 10}
            """)
        let run = try BacktestRunner(config, base: folder.path).run(panel: panel)
        #expect(run.artifact == artifactPath)
        let grid = run.grid
        #expect(grid.open == grid.close)
        #expect(run.notes.contains { $0.contains("closes only") })

        // Kept: bars more than the horizon past the last training bar.
        let firstAfter = try #require(grid.timestamps.firstIndex { $0 > predictor.manifest.trainingEnd })
        let firstKept = firstAfter + 3
        let all = try predictor.predict(panel: panel)
        let kept = all.filter { $0.timestamp >= grid.timestamps[firstKept] }
        let dropped = all.count - kept.count
        #expect(dropped > 100 && kept.count > 1000)
        #expect(run.notes.contains { $0.hasPrefix("\(dropped) scores within the model's training window") }, "\(run.notes)")
        let targets = try #require(run.targets)
        #expect(targets.allSatisfy { $0[..<firstKept].allSatisfy { $0.isNaN } })
        #expect(targets.contains { $0[firstKept] > 0 })
        // Decided at the first kept close, filled at the next bar's close: nothing earlier.
        #expect(run.result.fills.allSatisfy { $0.bar >= firstKept + 1 })
        #expect(run.result.fills.contains { $0.bar == firstKept + 1 })

        // The same scores through a CSV give the same backtest.
        try Support.csv(kept).write(to: folder.appendingPathComponent("oos.csv"), atomically: true, encoding: .utf8)
        var signals = config
        signals.strategy = .init(type: "signals", file: "oos.csv")
        let replay = try BacktestRunner(signals, base: folder.path).run(panel: panel)
        #expect(Support.same(try #require(replay.targets), targets))
        VectorizedEquivalenceTests.expectIdentical(replay.result, run.result)
        #expect(!replay.notes.contains { $0.contains("training window") })

        // A model trained on everything has nothing left to trade.
        let late = try Self.configuration("name: late\ndata: {files: [unused]}\nstrategy: {type: model, artifact: ridge.bbm}")
        expectBacktestError(.insufficientData, ["no scores after its training window"]) {
            _ = try BacktestRunner(late, base: folder.path).run(panel: panel.map { $0.slice(to: grid.timestamps[firstKept - 1] + 1) })
        }
    }

    @Test func closesOnlyNoteAlsoWithALateListedSymbol() throws {
        var panel = try Support.panel(Support.skfolio, from: "2022-01-01", to: "2022-07-01")
        let config = try Self.configuration("name: hold\ndata: {files: [unused]}\nstrategy: {type: buy-and-hold}")
        let note = "the data has closes only: an order decided at a close fills at the next bar's close"
        #expect(try BacktestRunner(config).run(panel: panel).notes == [note])
        // The first stock starts trading in March: NaN bars before, still closes only.
        panel[0] = panel[0].slice(from: Support.day("2022-03-01"))
        let late = try BacktestRunner(config).run(panel: panel)
        #expect(late.grid.close[0][0].isNaN)
        #expect(late.notes == [note])
        #expect(try BacktestRunner(config).run(panel: Self.quandl).notes.isEmpty)
    }

    // MARK: benchmarks

    @Test func buyAndHoldBenchmarkEqualsAnExplicitEqualWeightRun() throws {
        let config = try Self.configuration("""
            name: quandl-benchmark
            data: {files: [unused]}
            strategy: {type: crossover, fast: 5, slow: 20}
            costs: {commissionBps: 10, slippage: {model: fixed, bps: 3}}
            execution: {initialCash: 500000}
            """)
        let run = try BacktestRunner(config).run(panel: Self.quandl)
        let grid = run.grid
        var targets = [[Double]](repeating: [Double](repeating: .nan, count: grid.barCount), count: 4)
        for s in 0..<4 { targets[s][0] = 0.25 }
        let settings = Self.settings(grid, cash: 500_000, commissionBps: 10, slippage: .fixedBasisPoints(3))
        let explicit = try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
        // Bought at bar 1, ZEN (listed in May) at its first bar.
        let firstBars = grid.close.map { c in max(1, c.firstIndex { !$0.isNaN }!) }
        #expect(firstBars[try #require(grid.index(of: "ZEN"))] > 80)
        #expect(explicit.fills.map(\.bar).sorted() == firstBars.sorted())
        #expect(run.benchmarkEquity == explicit.equity)
        #expect(run.benchmarkName == "equal-weight buy and hold")

        // The buy-and-hold strategy is the same run.
        var hold = config
        hold.strategy = .init(type: "buy-and-hold")
        let held = try BacktestRunner(hold).run(panel: Self.quandl)
        VectorizedEquivalenceTests.expectIdentical(held.result, explicit)
        #expect(Support.same(try #require(held.targets), targets))

        // One symbol: named after it.
        let single = try BacktestRunner(config).run(panel: [Self.quandl[0]])
        #expect(single.benchmarkName == "buy and hold \(Self.quandl[0].symbol.name)")
    }

    @Test func benchmarkFileIsValuedAtItsLastCloseAtOrBeforeEachBar() throws {
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Quandl bars start Thursday 2014-01-02; 01-05 is a Sunday, 02-01 a Saturday.
        let prices: [(String, Double)] = [("2014-01-03", 100), ("2014-01-05", 110), ("2014-01-08", 121), ("2014-02-01", 99)]
        var text = "symbol,timestamp,open,high,low,close,volume\n"
        for (date, close) in prices { text += "SPX,\(date),\(close),\(close),\(close),\(close),1000\n" }
        text += "NDX,2014-01-02,50,50,50,50,1000\n"
        try text.write(to: folder.appendingPathComponent("bench.csv"), atomically: true, encoding: .utf8)
        let config = try Self.configuration("""
            name: quandl-benchmark-file
            data: {files: [unused]}
            strategy: {type: crossover, fast: 5, slow: 20}
            execution: {initialCash: 1000}
            benchmark: {file: bench.csv, symbol: SPX}
            """)
        let run = try BacktestRunner(config, base: folder.path).run(panel: Self.quandl)
        #expect(run.benchmarkName == "SPX")
        let equity = try #require(run.benchmarkEquity)
        #expect(equity.count == run.grid.barCount)
        for (t, time) in run.grid.timestamps.enumerated() {
            // Before the first price: valued at it (flat at the initial cash).
            let close = prices.last { Support.day($0.0) <= time }?.1 ?? 100
            #expect(abs(equity[t] - close * 10) < 1e-9, "bar \(t) \(time): \(equity[t]) vs \(close * 10)")
        }
        #expect(equity[0] == 1000 && equity[2] != equity[1])

        var unnamed = config
        unnamed.benchmark = .file(path: "bench.csv", symbol: nil)
        expectBacktestError(.invalidArgument, ["bench.csv", "2 symbols", "name one with symbol"]) {
            _ = try BacktestRunner(unnamed, base: folder.path).run(panel: Self.quandl)
        }
        unnamed.benchmark = .file(path: "bench.csv", symbol: "DJI")
        expectBacktestError(.invalidArgument, ["bench.csv", "no symbol DJI", "NDX", "SPX"]) {
            _ = try BacktestRunner(unnamed, base: folder.path).run(panel: Self.quandl)
        }
        try "symbol,timestamp,open,high,low,close,volume\nSPX,2016-01-04,1,1,1,1,1\n"
            .write(to: folder.appendingPathComponent("late.csv"), atomically: true, encoding: .utf8)
        unnamed.benchmark = .file(path: "late.csv", symbol: nil)
        expectBacktestError(.insufficientData, ["late.csv", "no prices within"]) {
            _ = try BacktestRunner(unnamed, base: folder.path).run(panel: Self.quandl)
        }
    }

    // MARK: bad configurations

    /// (the configuration's strategy and extra sections, fragments of the error)
    static let badConfigurations: [(String, [String])] = [
        ("strategy: {type: crossover, fast: 5}", ["strategy", "fast and slow"]),
        ("strategy: {type: crossover, slow: 5}", ["strategy", "fast and slow"]),
        ("strategy: {type: crossover, fast: 5, slow: 20, shares: 10, fraction: 0.5}", ["strategy: shares 10.0 and fraction 0.5", "give one entry size"]),
        ("strategy: {type: crossover, fast: 5, slow: 20}\nexecution: {engine: vectorized}", ["execution.engine", "event engine"]),
        ("strategy: {type: momentum}", ["strategy.type momentum", "expected crossover, signals, model or buy-and-hold"]),
        ("strategy: {type: signals, file: scores.csv}\nportfolio: {sizing: martingale}", ["portfolio.sizing martingale", "expected equal, fixed-fraction"]),
        ("strategy: {type: signals, file: scores.csv}\nportfolio: {rule: best}", ["portfolio.rule best", "expected topk-dropout, quantiles or threshold"]),
        ("strategy: {type: buy-and-hold}\ncosts: {slippage: {model: magic}}", ["costs.slippage.model magic", "expected none, fixed, volatility or sqrt-impact"]),
        ("strategy: {type: buy-and-hold}\nexecution: {engine: warp}", ["execution.engine warp", "expected event or vectorized"]),
        ("strategy: {type: signals, file: unknown-symbol.csv}", ["unknown-symbol.csv", "unknown symbol TSLA"]),
        ("strategy: {type: signals}", ["strategy", "signals needs file"]),
        ("strategy: {type: signals, file: scores.csv}\nportfolio: {k: 0}", ["portfolio: k 0", "expected at least 1"]),
        ("strategy: {type: signals, file: scores.csv}\nportfolio: {sizing: kelly, lookback: 1}", ["portfolio: lookback 1", "at least 2 returns"]),
        ("strategy: {type: signals, file: scores.csv}\nportfolio: {rebalance: 0}", ["portfolio: rebalance every 0"]),
        ("strategy: {type: model}", ["strategy", "model needs artifact"]),
        ("strategy: {type: buy-and-hold}\nexecution: {initialCash: -5}", ["execution.initialCash -5", "expected > 0"]),
        ("strategy: {type: buy-and-hold}\nexecution: {maxLeverage: 0.5}", ["execution.maxLeverage 0.5", "expected ≥ 1"]),
        ("strategy: {type: buy-and-hold}\ncosts: {commissionBps: -1}", ["costs.commissionBps -1", "expected ≥ 0"]),
        ("strategy: {type: buy-and-hold}\ncosts: {participation: 2}", ["costs.participation 2", "expected a value in (0, 1]"]),
        ("strategy: {type: buy-and-hold}\ncosts: {slippage: {model: volatility, lookback: 1}}", ["costs.slippage.lookback 1", "expected ≥ 2"]),
    ]

    @Test(arguments: badConfigurations.indices)
    func badConfigurationNamesTheField(_ i: Int) throws {
        let (body, fragments) = Self.badConfigurations[i]
        let folder = try Support.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scores = Self.quandlScores(seed: 5)
        try Support.csv(scores).write(to: folder.appendingPathComponent("scores.csv"), atomically: true, encoding: .utf8)
        try (Support.csv(Array(scores.prefix(5))) + "TSLA,2014-01-02,1\n")
            .write(to: folder.appendingPathComponent("unknown-symbol.csv"), atomically: true, encoding: .utf8)
        let config = try Self.configuration("name: bad\ndata: {files: [unused]}\n" + body)
        // A scores file that names a symbol the data lacks is a data error; the rest are settings.
        expectBacktestError(body.contains("unknown-symbol") ? .malformedInput : .invalidArgument, fragments) {
            _ = try BacktestRunner(config, base: folder.path).run(panel: Self.quandl)
        }
    }
}

extension Double {
    /// Rounded to `places` decimals, so a score file reads like one a person would write.
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}

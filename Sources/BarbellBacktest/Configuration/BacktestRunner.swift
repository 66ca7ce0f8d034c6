import BarbellData
import BarbellLearning
import Foundation

/// A backtest carried out from its configuration: the market, the strategy's result and the
/// benchmark's, with notes on anything the run had to decide.
public struct BacktestRun: Sendable {
    public let configuration: BacktestConfiguration
    public let grid: PriceGrid
    public let settings: ExecutionSettings
    public let result: BacktestResult
    /// Equity of the benchmark on the same bars, scaled to the same initial cash.
    public let benchmarkEquity: [Double]?
    public let benchmarkName: String?
    /// The target weights, when the strategy is one (signals, model, buy-and-hold).
    public let targets: [[Double]]?
    /// What the run decided on its own: in-sample scores left out, price data without opens.
    public let notes: [String]
    /// The model artifact that drove the strategy, if one did.
    public let artifact: String?

    public init(configuration: BacktestConfiguration, grid: PriceGrid, settings: ExecutionSettings, result: BacktestResult,
                benchmarkEquity: [Double]?, benchmarkName: String?, targets: [[Double]]?, notes: [String], artifact: String?) {
        self.configuration = configuration
        self.grid = grid
        self.settings = settings
        self.result = result
        self.benchmarkEquity = benchmarkEquity
        self.benchmarkName = benchmarkName
        self.targets = targets
        self.notes = notes
        self.artifact = artifact
    }
}

/// Runs a ``BacktestConfiguration``.
public struct BacktestRunner: Sendable {
    public let configuration: BacktestConfiguration
    /// Folder relative paths in the configuration are read against.
    public let base: String?

    public init(_ configuration: BacktestConfiguration, base: String? = nil) {
        self.configuration = configuration
        self.base = base
    }

    public func run() throws -> BacktestRun {
        let panel = try configuration.data.loadPanel(relativeTo: base)
        return try run(panel: panel)
    }

    /// Runs on bars already loaded (the configuration's `data` section is not read).
    public func run(panel: [BarSeries], artifactPredictor: (any Predictor)? = nil) throws -> BacktestRun {
        let grid = try PriceGrid(series: panel)
        let settings = try executionSettings(grid: grid)
        var notes: [String] = []
        // NaN-aware: a symbol listed later than the others has NaN bars, and NaN != NaN would
        // hide that the whole panel is closes only.
        if zip(grid.open, grid.close).allSatisfy({ o, c in zip(o, c).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }) {
            notes.append("the data has closes only: an order decided at a close fills at the next bar's close")
        }
        let strategy = configuration.strategy
        let result: BacktestResult
        var targets: [[Double]]?
        var artifact: String?
        switch strategy.type {
        case "crossover":
            guard let fast = strategy.fast, let slow = strategy.slow else {
                throw BacktestError(.invalidArgument, "strategy: a crossover needs fast and slow (moving-average lengths in bars)")
            }
            guard configuration.execution.engine ?? "event" == "event" else {
                throw BacktestError(.invalidArgument, "execution.engine: a crossover with share entries runs on the event engine; use engine: event")
            }
            guard strategy.shares == nil || strategy.fraction == nil else {
                throw BacktestError(.invalidArgument, "strategy: shares \(strategy.shares!) and fraction \(strategy.fraction!); give one entry size")
            }
            let entry: MovingAverageCrossover.Entry = if let shares = strategy.shares { .shares(shares) }
                else { .fractionOfEquity(strategy.fraction ?? 1 / Double(grid.symbolCount)) }
            let members = try grid.symbols.indices.map { s throws(BacktestError) in
                try MovingAverageCrossover(symbol: s, fast: fast, slow: slow, entry: entry)
            }
            result = try EventEngine(grid: grid, settings: settings).run(StrategyGroup(members))
        case "buy-and-hold":
            targets = Self.buyAndHoldTargets(grid)
            result = try runTargets(targets!, grid: grid, settings: settings)
        case "signals", "model":
            let scored = try scores(panel: panel, grid: grid, predictor: artifactPredictor)
            notes += scored.notes
            artifact = scored.artifact
            targets = try portfolio(periodsPerYear: settings.periodsPerYear).targets(scores: scored.scores, grid: grid)
            result = try runTargets(targets!, grid: grid, settings: settings)
        default:
            throw BacktestError(.invalidArgument, "strategy.type \(strategy.type): expected crossover, signals, model or buy-and-hold")
        }
        let (benchmark, benchmarkName) = try benchmarkEquity(grid: grid, settings: settings)
        return BacktestRun(configuration: configuration, grid: grid, settings: settings, result: result,
                           benchmarkEquity: benchmark, benchmarkName: benchmarkName, targets: targets, notes: notes,
                           artifact: artifact)
    }

    /// The scores of a `signals` or `model` strategy, aligned with `grid`, with notes on what was
    /// left out and the artifact's path.
    public func scores(panel: [BarSeries], grid: PriceGrid, predictor given: (any Predictor)? = nil) throws
        -> (scores: ScoreMatrix, notes: [String], artifact: String?) {
        let strategy = configuration.strategy
        switch strategy.type {
        case "signals":
            guard let file = strategy.file else {
                throw BacktestError(.invalidArgument, "strategy: signals needs file (a CSV of symbol, timestamp, score)")
            }
            let path = ExperimentConfiguration.DataSection.resolve(file, base: base)
            return (try ScoreMatrix(predictions: ScoreFile.read(path: path, model: strategy.model), grid: grid, source: path), [], nil)
        case "model":
            let predictor: any Predictor
            var artifact: String?
            if let given { predictor = given } else {
                guard let file = strategy.artifact else {
                    throw BacktestError(.invalidArgument, "strategy: model needs artifact (a .bbm file from `barbell experiment run --out`)")
                }
                artifact = ExperimentConfiguration.DataSection.resolve(file, base: base)
                predictor = try ArtifactPredictor(path: artifact!)
            }
            let (scores, dropped) = try ScoreMatrix.outOfSample(predictor: predictor, panel: panel, grid: grid)
            var notes: [String] = []
            if dropped > 0 {
                notes.append("\(dropped) scores within the model's training window (to \(predictor.manifest.trainingEnd.display), plus the label's \(predictor.manifest.label.horizon)-bar horizon) were left out: the backtest is out of sample")
            }
            guard scores.count > 0 else {
                throw BacktestError(.insufficientData, "model \(predictor.manifest.name) has no scores after its training window (\(predictor.manifest.trainingEnd.display)); give it later data")
            }
            return (scores, notes, artifact)
        default:
            throw BacktestError(.invalidArgument, "strategy.type \(strategy.type) has no scores; expected signals or model")
        }
    }

    /// The strategy as target weights for the vectorised path (a crossover enters with
    /// `fraction` of equity, default 1/n, sized at the fill).
    public func sweepTargets(grid: PriceGrid, scores: ScoreMatrix?, settings: ExecutionSettings) throws -> [[Double]] {
        let strategy = configuration.strategy
        switch strategy.type {
        case "crossover":
            guard let fast = strategy.fast, let slow = strategy.slow else {
                throw BacktestError(.invalidArgument, "strategy: a crossover needs fast and slow (moving-average lengths in bars)")
            }
            guard strategy.shares == nil else {
                throw BacktestError(.invalidArgument, "strategy.shares: a sweep runs on the vectorised path, which sizes entries as a fraction of equity; use strategy.fraction")
            }
            return try MovingAverageCrossover.targets(grid: grid, fast: fast, slow: slow, fraction: strategy.fraction ?? 1 / Double(grid.symbolCount))
        case "buy-and-hold":
            return Self.buyAndHoldTargets(grid)
        case "signals", "model":
            guard let scores else { throw BacktestError(.invalidArgument, "strategy \(strategy.type): no scores") }
            return try portfolio(periodsPerYear: settings.periodsPerYear).targets(scores: scores, grid: grid)
        default:
            throw BacktestError(.invalidArgument, "strategy.type \(strategy.type): expected crossover, signals, model or buy-and-hold")
        }
    }

    func runTargets(_ targets: [[Double]], grid: PriceGrid, settings: ExecutionSettings) throws(BacktestError) -> BacktestResult {
        switch configuration.execution.engine ?? "event" {
        case "event":
            var checks = settings
            checks.sameBarFills = false
            try VectorizedBacktest.validate(targets: targets, grid: grid, settings: checks)
            return try EventEngine(grid: grid, settings: settings).run(TargetWeightStrategy(targets: targets))
        case "vectorized", "vectorised":
            return try VectorizedBacktest.run(grid: grid, targets: targets, settings: settings)
        case let other:
            throw BacktestError(.invalidArgument, "execution.engine \(other): expected event or vectorized")
        }
    }

    /// Equal weights in every symbol, decided at the first bar (bought at the next).
    static func buyAndHoldTargets(_ grid: PriceGrid) -> [[Double]] {
        grid.symbols.indices.map { _ in
            var column = [Double](repeating: .nan, count: grid.barCount)
            column[0] = 1 / Double(grid.symbolCount)
            return column
        }
    }

    /// The benchmark's equity on `grid`'s bars, scaled to the initial cash, and its name.
    public func benchmarkEquity(grid: PriceGrid, settings: ExecutionSettings) throws -> ([Double]?, String?) {
        switch configuration.benchmark {
        case .none:
            return (nil, nil)
        case .buyAndHold:
            var holding = settings
            holding.sameBarFills = false   // bought at the second bar's open either way
            let r = try VectorizedBacktest.run(grid: grid, targets: Self.buyAndHoldTargets(grid), settings: holding)
            return (r.equity, grid.symbolCount == 1 ? "buy and hold \(grid.symbols[0])" : "equal-weight buy and hold")
        case .file(let file, let symbol):
            let path = ExperimentConfiguration.DataSection.resolve(file, base: base)
            let loaded = try MarketFile.loadBars(path)
            let series: BarSeries
            if let symbol {
                guard let s = loaded.first(where: { $0.series.symbol.name == symbol }) else {
                    throw BacktestError(.invalidArgument, "benchmark \(path): no symbol \(symbol); it has \(loaded.map(\.series.symbol.name).joined(separator: ", "))")
                }
                series = s.series
            } else {
                guard loaded.count == 1 else {
                    throw BacktestError(.invalidArgument, "benchmark \(path): \(loaded.count) symbols; name one with symbol")
                }
                series = loaded[0].series
            }
            // Valued at its last close at or before each bar; before its first close, at that close.
            var equity = [Double](repeating: .nan, count: grid.barCount)
            var j = 0
            var last = Double.nan
            for t in 0..<grid.barCount {
                while j < series.count && series.timestamps[j] <= grid.timestamps[t] { last = series.close[j]; j += 1 }
                equity[t] = last
            }
            guard let first = equity.first(where: { !$0.isNaN }) else {
                throw BacktestError(.insufficientData, "benchmark \(path): no prices within the backtest's dates")
            }
            return (equity.map { ($0.isNaN ? first : $0) / first * settings.initialCash }, series.symbol.name)
        }
    }

    /// The configuration's portfolio rule and sizing.
    public func portfolio(periodsPerYear: Double) throws(BacktestError) -> ScorePortfolio {
        let p = configuration.portfolio
        let rule: ScorePortfolio.Rule
        switch p.rule ?? "topk-dropout" {
        case "topk-dropout": rule = .topKDropout(k: p.k ?? 5, drop: p.drop ?? 1)
        case "quantiles": rule = .quantiles(p.quantile ?? 0.2)
        case "threshold": rule = .threshold(long: p.long ?? 0, short: p.short)
        case let other: throw BacktestError(.invalidArgument, "portfolio.rule \(other): expected topk-dropout, quantiles or threshold")
        }
        let lookback = p.lookback ?? 20
        let leverage = p.maxLeverage ?? 1
        let sizing: PositionSizing?
        switch p.sizing ?? "equal" {
        case "equal": sizing = nil
        case "fixed-fraction": sizing = .fixedFraction(p.fraction ?? 0.1)
        case "volatility-target":
            sizing = .volatilityTarget(annualTarget: p.target ?? 0.1, lookback: lookback,
                                       periodsPerYear: periodsPerYear, maxLeverage: leverage)
        case "kelly": sizing = .fractionalKelly(fraction: p.fraction ?? 0.5, lookback: lookback, maxLeverage: leverage)
        case "risk-parity": sizing = .inverseVolatility(lookback: lookback, grossExposure: leverage)
        case "equal-risk-contribution": sizing = .equalRiskContribution(lookback: lookback, grossExposure: leverage)
        case let other:
            throw BacktestError(.invalidArgument, "portfolio.sizing \(other): expected equal, fixed-fraction, volatility-target, kelly, risk-parity or equal-risk-contribution")
        }
        // The rule and sizing name their own parameters (k, lookback); say which section they are in.
        do { return try ScorePortfolio(rule: rule, sizing: sizing, every: p.rebalance ?? 1) } catch {
            throw BacktestError(error.code, "portfolio: \(error.message)")
        }
    }

    /// The configuration's costs and execution as engine settings (bars per year inferred from
    /// `grid` unless given).
    public func executionSettings(grid: PriceGrid) throws(BacktestError) -> ExecutionSettings {
        let c = configuration.costs, e = configuration.execution
        let slippage: SlippageModel
        let s = c.slippage ?? BacktestConfiguration.SlippageSection()
        // ExecutionSettings.validate() names its own parameters ("initial cash"); a configuration's
        // reader needs the field to edit, so the values are checked here under their dotted paths.
        func check(_ field: String, _ value: Double?, _ expected: String, _ ok: (Double) -> Bool) throws(BacktestError) {
            if let value, !(value.isFinite && ok(value)) {
                throw BacktestError(.invalidArgument, "\(field) \(value): expected \(expected)")
            }
        }
        try check("execution.initialCash", e.initialCash, "> 0") { $0 > 0 }
        try check("execution.maxLeverage", e.maxLeverage, "≥ 1") { $0 >= 1 }
        try check("execution.periodsPerYear", e.periodsPerYear, "> 0") { $0 > 0 }
        try check("costs.commissionBps", c.commissionBps, "≥ 0") { $0 >= 0 }
        try check("costs.perShare", c.perShare, "≥ 0") { $0 >= 0 }
        try check("costs.minimum", c.minimum, "≥ 0") { $0 >= 0 }
        try check("costs.participation", c.participation, "a value in (0, 1]") { $0 > 0 && $0 <= 1 }
        try check("costs.borrowRate", c.borrowRate, "≥ 0") { $0 >= 0 }
        try check("costs.slippage.bps", s.bps, "≥ 0") { $0 >= 0 }
        try check("costs.slippage.multiplier", s.multiplier, "≥ 0") { $0 >= 0 }
        try check("costs.slippage.coefficient", s.coefficient, "≥ 0") { $0 >= 0 }
        try check("costs.slippage.lookback", s.lookback.map(Double.init), "≥ 2 bars") { $0 >= 2 }
        switch s.model ?? "none" {
        case "none": slippage = .none
        case "fixed": slippage = .fixedBasisPoints(s.bps ?? 0)
        case "volatility": slippage = .volatilityScaled(multiplier: s.multiplier ?? 0.1, lookback: s.lookback ?? 20)
        case "sqrt-impact": slippage = .squareRootImpact(coefficient: s.coefficient ?? 0.5, lookback: s.lookback ?? 20)
        case let other: throw BacktestError(.invalidArgument, "costs.slippage.model \(other): expected none, fixed, volatility or sqrt-impact")
        }
        let settings = ExecutionSettings(
            initialCash: e.initialCash ?? 1_000_000,
            commission: CommissionSchedule(basisPoints: c.commissionBps ?? 0, perShare: c.perShare ?? 0, minimum: c.minimum ?? 0),
            slippage: slippage, participationLimit: c.participation, allowShort: e.allowShort ?? false,
            borrowRate: c.borrowRate ?? 0, maxLeverage: e.maxLeverage ?? 1,
            periodsPerYear: e.periodsPerYear ?? grid.inferredPeriodsPerYear, sameBarFills: e.sameBarFills ?? false)
        try settings.validate()
        return settings
    }
}

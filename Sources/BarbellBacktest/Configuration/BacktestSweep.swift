import BarbellData
import BarbellLearning
import Foundation

/// A parameter grid over one backtest configuration, run on the vectorised path on all cores,
/// with the statistics that say whether the best variant is luck: its deflated Sharpe ratio over
/// every variant tried, and the probability of backtest overfitting across the grid.
public struct BacktestSweep: Sendable {
    /// One swept parameter: a dotted path in the configuration and its values.
    public struct Axis: Sendable, Equatable {
        public var path: String
        public var values: [ConfigValue]

        public init(path: String, values: [ConfigValue]) {
            self.path = path
            self.values = values
        }

        /// Parses `strategy.fast=5,10,20`.
        public init(parsing text: String) throws(BacktestError) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw BacktestError(.invalidArgument, "grid \(text): expected PATH=V1,V2,… (e.g. strategy.fast=5,10,20)")
            }
            path = parts[0]
            values = parts[1].split(separator: ",").map { word in
                let w = word.trimmingCharacters(in: .whitespaces)
                if let i = Int(w) { return .int(i) }
                if let d = Double(w) { return .double(d) }
                if w == "true" || w == "false" { return .bool(w == "true") }
                return .string(w)
            }
        }
    }

    /// What a sweep found.
    public struct Outcome: Sendable, Equatable, Codable {
        public struct Variant: Sendable, Equatable, Codable {
            public var parameters: [String: String]
            public var result: SweepOutcome
        }
        /// Every variant, in grid order.
        public var variants: [Variant]
        /// Index of the variant with the highest Sharpe ratio.
        public var best: Int
        public var trials: Int
        /// The best variant's deflated Sharpe ratio, with the trials' Sharpe variance.
        public var deflatedSharpe: Double?
        public var sharpeVariance: Double?
        /// Probability of backtest overfitting by CSCV over the variants' returns.
        public var probabilityOfOverfitting: Double?
        public var seconds: Double
    }

    public let configuration: String
    public let source: String
    public let axes: [Axis]
    public let base: String?

    /// - Parameters:
    ///   - configuration: the YAML text; `source` names it in errors.
    ///   - axes: only `strategy.*` and `portfolio.*` may vary: costs and execution are the
    ///     market's, not parameters to fit.
    public init(configuration: String, source: String, axes: [Axis], base: String? = nil) throws(BacktestError) {
        guard !axes.isEmpty else { throw BacktestError(.invalidArgument, "sweep: no --grid axis") }
        for axis in axes {
            guard axis.path.hasPrefix("strategy.") || axis.path.hasPrefix("portfolio.") else {
                throw BacktestError(.invalidArgument, "sweep: \(axis.path) cannot vary; sweep strategy.* or portfolio.* parameters (costs and execution are fixed)")
            }
            guard !axis.values.isEmpty else { throw BacktestError(.invalidArgument, "sweep: \(axis.path) has no values") }
        }
        self.configuration = configuration
        self.source = source
        self.axes = axes
        self.base = base
    }

    /// Every combination of the axes' values, first axis slowest.
    public var combinations: [[String: ConfigValue]] {
        var out: [[String: ConfigValue]] = [[:]]
        for axis in axes {
            out = out.flatMap { partial in axis.values.map { v in partial.merging([axis.path: v]) { $1 } } }
        }
        return out
    }

    /// - Parameter priorTrials: strategies tried before this sweep (added to its variants).
    public func run(priorTrials: Int = 0) throws -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let baseConfiguration = try BacktestConfiguration.parse(configuration, source: source)
        let panel = try baseConfiguration.data.loadPanel(relativeTo: base)
        let grid = try PriceGrid(series: panel)
        let combos = combinations
        let configurations = try combos.map { overrides throws(BacktestError) in
            try BacktestConfiguration.parse(configuration, source: source, overrides: overrides)
        }
        let runner = BacktestRunner(baseConfiguration, base: base)
        let settings = try runner.executionSettings(grid: grid)
        // Scores are read once: only the rule applied to them varies.
        var scores: ScoreMatrix?
        if baseConfiguration.strategy.type == "signals" || baseConfiguration.strategy.type == "model" {
            scores = try runner.scores(panel: panel, grid: grid).scores
        }
        let targetSets = try configurations.map { c throws in try BacktestRunner(c, base: base).sweepTargets(grid: grid, scores: scores, settings: settings) }
        let outcomes = try VectorizedBacktest.sweep(grid: grid, variants: targetSets.count, settings: settings, keepReturns: true) { i throws(BacktestError) in
            targetSets[i]
        }
        let sharpes = outcomes.map(\.sharpe)
        let best = sharpes.indices.max { (sharpes[$0].isNaN ? -.infinity : sharpes[$0]) < (sharpes[$1].isNaN ? -.infinity : sharpes[$1]) } ?? 0
        let trials = combos.count + max(0, priorTrials)
        var dsr: Double?, variance: Double?
        let periodSharpes = sharpes.filter(\.isFinite).map { $0 / settings.periodsPerYear.squareRoot() }
        if trials >= 2, periodSharpes.count >= 2, let returns = outcomes[best].returns,
           let r = try? Returns(returns, periodsPerYear: settings.periodsPerYear) {
            let mean = periodSharpes.reduce(0, +) / Double(periodSharpes.count)
            variance = periodSharpes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(periodSharpes.count - 1)
            dsr = try? r.deflatedSharpeRatio(trials: trials, sharpeVariance: variance!).dsr
        }
        var pbo: Double?
        if outcomes.count >= 2 {
            let bars = grid.barCount
            let matrix = (0..<bars).map { t in outcomes.map { $0.returns![t] } }
            let blocks = bars >= 160 ? 16 : bars >= 40 ? 4 : 0
            if blocks > 0 { pbo = try? BacktestOverfitting(returns: matrix, blocks: blocks).probability }
        }
        var variants: [Outcome.Variant] = []
        for (i, combo) in combos.enumerated() {
            var o = outcomes[i]
            o.returns = nil
            variants.append(Outcome.Variant(parameters: combo.mapValues(Self.describe), result: o))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Outcome(variants: variants, best: best, trials: trials, deflatedSharpe: dsr, sharpeVariance: variance,
                       probabilityOfOverfitting: pbo, seconds: seconds)
    }

    static func describe(_ v: ConfigValue) -> String {
        switch v {
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .bool(let b): String(b)
        default: "\(v)"
        }
    }
}

import BarbellLearning

/// A backtest declared in YAML: the data, the strategy, how scores become positions, costs,
/// execution, the benchmark and the report. Every section but `data` and `strategy` has
/// defaults, so a file names only what it changes.
///
/// ```yaml
/// name: sp500-crossover
/// data: {files: [Samples/arch_sp500.csv.gz]}
/// strategy: {type: crossover, fast: 10, slow: 30, shares: 100}
/// costs: {commissionBps: 10, slippage: {model: fixed, bps: 2}}
/// execution: {initialCash: 1000000}
/// benchmark: buy-and-hold
/// report: {tearsheet: sp500-crossover.html}
/// ```
public struct BacktestConfiguration: Sendable, Equatable, Codable {
    public var name: String
    public var seed: UInt64
    public var data: ExperimentConfiguration.DataSection
    public var strategy: StrategySection
    public var portfolio: PortfolioSection
    public var costs: CostSection
    public var execution: ExecutionSection
    /// `buy-and-hold` (equal weights of the traded symbols, bought at the first open), `none`,
    /// or a file of benchmark prices.
    public var benchmark: BenchmarkSection
    public var honesty: HonestySection
    public var report: ReportSection

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, seed, data, strategy, portfolio, costs, execution, benchmark, honesty, report
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        data = try c.decode(ExperimentConfiguration.DataSection.self, forKey: .data)
        strategy = try c.decode(StrategySection.self, forKey: .strategy)
        portfolio = try c.decodeIfPresent(PortfolioSection.self, forKey: .portfolio) ?? PortfolioSection()
        costs = try c.decodeIfPresent(CostSection.self, forKey: .costs) ?? CostSection()
        execution = try c.decodeIfPresent(ExecutionSection.self, forKey: .execution) ?? ExecutionSection()
        benchmark = try c.decodeIfPresent(BenchmarkSection.self, forKey: .benchmark) ?? .buyAndHold
        honesty = try c.decodeIfPresent(HonestySection.self, forKey: .honesty) ?? HonestySection()
        report = try c.decodeIfPresent(ReportSection.self, forKey: .report) ?? ReportSection()
    }

    public init(name: String, seed: UInt64 = 0, data: ExperimentConfiguration.DataSection, strategy: StrategySection,
                portfolio: PortfolioSection = PortfolioSection(), costs: CostSection = CostSection(),
                execution: ExecutionSection = ExecutionSection(), benchmark: BenchmarkSection = .buyAndHold,
                honesty: HonestySection = HonestySection(), report: ReportSection = ReportSection()) {
        self.name = name
        self.seed = seed
        self.data = data
        self.strategy = strategy
        self.portfolio = portfolio
        self.costs = costs
        self.execution = execution
        self.benchmark = benchmark
        self.honesty = honesty
        self.report = report
    }

    /// What decides the trades.
    public struct StrategySection: Sendable, Equatable, Codable {
        /// `crossover` (moving averages, per symbol), `signals` (scores from a CSV of
        /// date,symbol,score, e.g. an experiment's out-of-sample predictions), `model` (a `.bbm`
        /// artifact scoring the bars through its own feature code) or `buy-and-hold`.
        public var type: String
        public var fast: Int?
        public var slow: Int?
        /// Crossover entry: shares per entry, or a fraction of equity per symbol.
        public var shares: Double?
        public var fraction: Double?
        /// Scores file for `signals`.
        public var file: String?
        /// Artifact for `model`.
        public var artifact: String?
        /// For a scores file with a `model` column (a comparison's predictions), which model's.
        public var model: String?

        public init(type: String, fast: Int? = nil, slow: Int? = nil, shares: Double? = nil, fraction: Double? = nil,
                    file: String? = nil, artifact: String? = nil, model: String? = nil) {
            self.type = type
            self.fast = fast
            self.slow = slow
            self.shares = shares
            self.fraction = fraction
            self.file = file
            self.artifact = artifact
            self.model = model
        }
    }

    /// How scores become target weights (for `signals` and `model` strategies).
    public struct PortfolioSection: Sendable, Equatable, Codable {
        /// `topk-dropout`, `quantiles` or `threshold`.
        /// Default "topk-dropout".
        public var rule: String?
        public var k: Int?
        public var drop: Int?
        public var quantile: Double?
        public var long: Double?
        public var short: Double?
        /// `equal` (the rule's own weights), `fixed-fraction`, `volatility-target`, `kelly` or `risk-parity`.
        /// Default "equal".
        public var sizing: String?
        public var fraction: Double?
        public var target: Double?
        public var lookback: Int?
        public var maxLeverage: Double?
        /// Rebalance every this many bars.
        /// Default 1.
        public var rebalance: Int?

        public init() {}
    }

    public struct CostSection: Sendable, Equatable, Codable {
        /// Default 0.
        public var commissionBps: Double?
        /// Default 0.
        public var perShare: Double?
        /// Default 0.
        public var minimum: Double?
        /// Default: no slippage.
        public var slippage: SlippageSection?
        /// Largest fraction of a bar's volume one order may take.
        public var participation: Double?
        /// Annual borrow fee on shorts.
        /// Default 0.
        public var borrowRate: Double?

        public init() {}
    }

    public struct SlippageSection: Sendable, Equatable, Codable {
        /// `none`, `fixed`, `volatility` or `sqrt-impact`.
        /// Default "none".
        public var model: String?
        public var bps: Double?
        public var multiplier: Double?
        public var coefficient: Double?
        public var lookback: Int?

        public init() {}
    }

    public struct ExecutionSection: Sendable, Equatable, Codable {
        /// Default 1_000_000.
        public var initialCash: Double?
        /// Default 1.
        public var maxLeverage: Double?
        /// Default false.
        public var allowShort: Bool?
        /// Default false.
        public var sameBarFills: Bool?
        /// `event` or `vectorized`; targets-only strategies may use either, with the same result.
        /// Default "event".
        public var engine: String?
        /// Bars per year; default inferred from the data's spacing.
        public var periodsPerYear: Double?

        public init() {}
    }

    public enum BenchmarkSection: Sendable, Equatable, Codable {
        case buyAndHold
        case none
        /// A price file and, for files with several symbols, which one.
        case file(path: String, symbol: String?)

        enum Keys: String, CodingKey { case file, symbol }

        public init(from decoder: any Decoder) throws {
            if let c = try? decoder.singleValueContainer(), let word = try? c.decode(String.self) {
                switch word {
                case "buy-and-hold": self = .buyAndHold
                case "none": self = .none
                default:
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                        debugDescription: "benchmark \(word): expected buy-and-hold, none or {file: PATH, symbol: NAME}"))
                }
                return
            }
            let c = try decoder.container(keyedBy: Keys.self)
            self = .file(path: try c.decode(String.self, forKey: .file), symbol: try c.decodeIfPresent(String.self, forKey: .symbol))
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .buyAndHold: var c = encoder.singleValueContainer(); try c.encode("buy-and-hold")
            case .none: var c = encoder.singleValueContainer(); try c.encode("none")
            case .file(let path, let symbol):
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(path, forKey: .file)
                try c.encodeIfPresent(symbol, forKey: .symbol)
            }
        }
    }

    /// The luck checks.
    public struct HonestySection: Sendable, Equatable, Codable {
        /// Strategies tried before this one (for the deflated Sharpe ratio); default 1.
        public var trials: Int?
        /// Variance of the Sharpe ratios across those trials (per period); default: not deflated
        /// beyond the trial count's expected maximum under unit variance.
        public var sharpeVariance: Double?
        /// Stationary-bootstrap resamples for confidence intervals (0 disables).
        /// Default 1000.
        public var bootstrap: Int?
        /// Hidden Markov regimes fitted on the benchmark's returns to split performance (0 disables).
        /// Default 3.
        public var regimes: Int?

        public init() {}
    }

    public struct ReportSection: Sendable, Equatable, Codable {
        /// Where the HTML tearsheet goes (its JSON twin goes next to it, `.json`).
        public var tearsheet: String?

        public init() {}
    }
}

import BarbellData
import Foundation

/// Everything a backtest is judged by: return statistics of the strategy and its benchmark,
/// trade and path statistics, costs, the honesty statistics (probabilistic and deflated Sharpe
/// ratios, bootstrap intervals) and performance by market regime. Encodes as the `--json` output.
public struct BacktestReport: Sendable, Equatable, Codable {
    /// Return statistics of one equity curve (empyrical's definitions).
    public struct Performance: Sendable, Equatable, Codable {
        public var finalEquity: Double
        public var totalReturn: Double
        public var annualReturn: Double
        public var annualVolatility: Double
        public var sharpe: Double
        public var sortino: Double
        public var calmar: Double
        public var omega: Double
        public var maxDrawdown: Double
        public var maxDrawdownDuration: Int
        public var tailRatio: Double
        public var valueAtRisk: Double
        public var conditionalValueAtRisk: Double
        public var skew: Double
        public var excessKurtosis: Double

        init(_ r: Returns, finalEquity: Double) {
            self.finalEquity = finalEquity
            totalReturn = r.totalReturn
            annualReturn = r.annualReturn
            annualVolatility = r.annualVolatility
            sharpe = r.sharpeRatio()
            sortino = r.sortinoRatio()
            calmar = r.calmarRatio
            omega = r.omegaRatio()
            maxDrawdown = r.maxDrawdown
            maxDrawdownDuration = r.maxDrawdownDuration
            tailRatio = r.tailRatio
            valueAtRisk = r.valueAtRisk()
            conditionalValueAtRisk = r.conditionalValueAtRisk()
            skew = r.skewness
            excessKurtosis = r.excessKurtosis
        }
    }

    /// How likely the result is to be luck.
    public struct Honesty: Sendable, Equatable, Codable {
        /// P(true Sharpe > 0) given the sample's length, skew and kurtosis.
        public var probabilisticSharpe: Double
        /// The probabilistic Sharpe ratio against the best of `trials` unskilled trials.
        public var deflatedSharpe: Double?
        public var trials: Int
        /// The per-period Sharpe variance across trials used for deflation, and where it came from.
        public var sharpeVariance: Double
        public var sharpeVarianceSource: String
        /// The annualised Sharpe ratio the best of `trials` unskilled trials would show.
        public var expectedMaximumSharpe: Double?
        public var sharpeInterval: BootstrapInterval?
        public var maxDrawdownInterval: BootstrapInterval?
        /// Probability of backtest overfitting, when the run came from a comparison or sweep.
        public var probabilityOfOverfitting: Double?
    }

    /// Cash paid to trade.
    public struct Costs: Sendable, Equatable, Codable {
        public var commission: Double
        public var slippage: Double
        public var borrow: Double
        /// Costs over initial cash.
        public var fractionOfInitialCash: Double
    }

    public var name: String
    public var symbols: [String]
    public var bars: Int
    public var first: Timestamp
    public var last: Timestamp
    public var periodsPerYear: Double
    public var strategy: Performance
    public var benchmark: Performance?
    public var benchmarkName: String?
    public var alpha: Double?
    public var beta: Double?
    /// Closed round trips' statistics; nil when the strategy closed none.
    public var trades: TradeStatistics?
    public var openPositions: Int
    public var path: PathStatistics
    public var costs: Costs
    public var honesty: Honesty
    public var regimes: RegimePerformance?
    public var regimeNames: [String]?
    public var fills: Int
    /// Order-log entries that were refusals, cancellations, deferrals or expiries, by kind.
    public var orderExceptions: [String: Int]
    public var notes: [String]
}

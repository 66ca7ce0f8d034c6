/// Statistics of a backtest's per-bar path: how much it traded and how much it was invested.
///
/// Turnover follows pyfolio's `txn.get_turnover(denominator="portfolio_value")`: each bar's traded
/// value (Σ |quantity × price| of its fills) over that bar's end-of-bar equity, averaged over all
/// bars (bars without trades count as 0); the annual figure is that mean × periods per year, so 1
/// means the strategy trades its whole equity once a year (a full swap of the book counts twice:
/// a sale and a purchase).
public struct PathStatistics: Sendable, Equatable, Codable {
    /// Mean of traded value / equity per bar.
    public var averageTurnover: Double
    /// ``averageTurnover`` × periods per year.
    public var annualTurnover: Double
    /// Fraction of bars with a nonzero gross exposure.
    public var timeInMarket: Double
    /// Mean of gross exposure / equity over all bars (leverage when above 1).
    public var averageExposure: Double
    /// Mean of gross exposure / equity over the bars in the market; nil if never in it.
    public var averageExposureWhenInvested: Double?
    /// Largest gross exposure / equity.
    public var maxExposure: Double

    /// - Parameters:
    ///   - equity: end-of-bar portfolio value, cash included (> 0).
    ///   - grossExposure: end-of-bar Σ |position value| (≥ 0).
    ///   - tradedValue: Σ |quantity × price| of the bar's fills (≥ 0).
    /// - Throws: ``BacktestError`` naming the series and bar when the lengths differ, a series is
    ///   empty, a value is not finite, equity is not positive or an exposure or traded value is negative.
    public init(equity: [Double], grossExposure: [Double], tradedValue: [Double], periodsPerYear: Double = 252) throws(BacktestError) {
        guard !equity.isEmpty else { throw BacktestError(.insufficientData, "path statistics: no bars") }
        guard grossExposure.count == equity.count, tradedValue.count == equity.count else {
            throw BacktestError(.shapeMismatch, "path statistics: \(equity.count) equity values, \(grossExposure.count) gross exposures, \(tradedValue.count) traded values; expected one of each per bar")
        }
        guard periodsPerYear.isFinite, periodsPerYear > 0 else {
            throw BacktestError(.invalidArgument, "periods per year \(periodsPerYear): expected > 0")
        }
        for (name, series) in [("equity", equity), ("gross exposure", grossExposure), ("traded value", tradedValue)] {
            if let i = series.firstIndex(where: { !$0.isFinite }) {
                throw BacktestError(.nonFinite, "path statistics: \(name) at bar \(i) is \(series[i])")
            }
        }
        if let i = equity.firstIndex(where: { $0 <= 0 }) {
            throw BacktestError(.invalidArgument, "path statistics: equity at bar \(i) is \(equity[i]); expected > 0")
        }
        for (name, series) in [("gross exposure", grossExposure), ("traded value", tradedValue)] {
            if let i = series.firstIndex(where: { $0 < 0 }) {
                throw BacktestError(.invalidArgument, "path statistics: \(name) at bar \(i) is \(series[i]); expected ≥ 0")
            }
        }
        let n = Double(equity.count)
        averageTurnover = zip(tradedValue, equity).reduce(0) { $0 + $1.0 / $1.1 } / n
        annualTurnover = averageTurnover * periodsPerYear
        let exposure = zip(grossExposure, equity).map { $0 / $1 }
        let invested = exposure.filter { $0 != 0 }
        timeInMarket = Double(invested.count) / n
        averageExposure = exposure.reduce(0, +) / n
        averageExposureWhenInvested = invested.isEmpty ? nil : invested.reduce(0, +) / Double(invested.count)
        maxExposure = exposure.max()!
    }
}

import BarbellData
import BarbellLearning

/// Scores aligned with a ``PriceGrid``: `values[symbol][bar]` is the score known at that bar's
/// close (NaN where there is none). Portfolio rules turn it into target weights.
public struct ScoreMatrix: Sendable, Equatable {
    public var values: [[Double]]

    public init(values: [[Double]]) { self.values = values }

    /// Aligns per-(symbol, time) scores with `grid`.
    ///
    /// - Parameter source: names the scores' origin in errors (a file, a model).
    /// - Throws: ``BacktestError`` naming the first score whose symbol the grid does not trade or
    ///   whose time has no bar: scores misaligned with prices are refused, not dropped silently.
    public init(predictions: [BarPrediction], grid: PriceGrid, source: String) throws(BacktestError) {
        var row: [Timestamp: Int] = [:]
        row.reserveCapacity(grid.barCount)
        for (t, time) in grid.timestamps.enumerated() { row[time] = t }
        var column: [String: Int] = [:]
        for (s, name) in grid.symbols.enumerated() { column[name] = s }
        var values = [[Double]](repeating: [Double](repeating: .nan, count: grid.barCount), count: grid.symbolCount)
        // A second score for the same bar (overlapping folds, two models' rows without a model
        // column) would silently replace the first: refused like any other misalignment.
        var seen = Set<Int>()
        seen.reserveCapacity(predictions.count)
        for p in predictions {
            guard let s = column[p.symbol] else {
                throw BacktestError(.malformedInput, "\(source): score for unknown symbol \(p.symbol); the backtest's data has \(grid.symbols.prefix(8).joined(separator: ", "))\(grid.symbolCount > 8 ? ", …" : "")")
            }
            guard let t = row[p.timestamp] else {
                throw BacktestError(.malformedInput, "\(source): score for \(p.symbol) at \(p.timestamp) has no bar in the price data; signals must be aligned with prices")
            }
            guard !p.score.isInfinite else {
                throw BacktestError(.nonFinite, "\(source): score for \(p.symbol) at \(p.timestamp) is \(p.score); expected a finite number or NaN for none")
            }
            guard seen.insert(s * grid.barCount + t).inserted else {
                throw BacktestError(.malformedInput, "\(source): two scores for \(p.symbol) at \(p.timestamp); expected one per symbol and bar")
            }
            values[s][t] = p.score
        }
        self.values = values
    }

    /// Number of defined scores.
    public var count: Int { values.reduce(0) { $0 + $1.lazy.filter { !$0.isNaN }.count } }
}

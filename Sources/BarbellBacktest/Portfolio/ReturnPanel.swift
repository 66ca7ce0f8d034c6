/// Per-bar simple returns of several symbols, stored row-major by bar: the cross-section of bar
/// `t` is `values[t·symbols ..< (t+1)·symbols]`, the layout in which a backtest produces them one
/// bar at a time and the vectorised path reads them one row at a time.
///
/// A NaN marks a bar without a return for that symbol (not listed yet, no price); any statistic
/// whose window contains one is unavailable, and sizing gives that symbol weight 0.
public struct ReturnPanel: Sendable, Equatable {
    /// Number of bars (rows).
    public let bars: Int
    /// Number of symbols (columns).
    public let symbols: Int
    /// Row-major returns, `values[bar * symbols + symbol]`.
    public let values: [Double]

    /// A panel from row-major `values` (`bars × symbols`).
    /// - Throws: ``BacktestError`` `.shapeMismatch` when the count is not `bars × symbols`,
    ///   `.invalidArgument` for a negative dimension, `.nonFinite` for an infinity (NaN is allowed).
    public init(bars: Int, symbols: Int, values: [Double]) throws(BacktestError) {
        guard bars >= 0, symbols >= 0 else {
            throw BacktestError(.invalidArgument, "return panel dimensions \(bars)×\(symbols): expected ≥ 0")
        }
        guard values.count == bars * symbols else {
            throw BacktestError(.shapeMismatch, "return panel of \(bars) bars × \(symbols) symbols needs \(bars * symbols) values, got \(values.count)")
        }
        if let k = values.firstIndex(where: { $0.isInfinite }) {
            throw BacktestError(.nonFinite, "return at bar \(k / max(symbols, 1)), symbol \(k % max(symbols, 1)) is \(values[k]); expected finite or NaN")
        }
        self.bars = bars
        self.symbols = symbols
        self.values = values
    }

    /// A panel from one return series per symbol, all of one length.
    /// - Throws: ``BacktestError`` `.shapeMismatch` naming the first series whose length differs.
    public init(columns: [[Double]]) throws(BacktestError) {
        let n = columns.first?.count ?? 0
        if let j = columns.firstIndex(where: { $0.count != n }) {
            throw BacktestError(.shapeMismatch, "return series \(j) has \(columns[j].count) values, series 0 has \(n)")
        }
        var values = [Double](repeating: 0, count: n * columns.count)
        for (j, column) in columns.enumerated() {
            for t in 0..<n { values[t * columns.count + j] = column[t] }
        }
        try self.init(bars: n, symbols: columns.count, values: values)
    }

    /// The return of `symbol` at `bar`.
    public subscript(bar: Int, symbol: Int) -> Double { values[bar * symbols + symbol] }
}

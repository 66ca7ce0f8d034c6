import BarbellData

extension PriceGrid {
    /// Aligns bar series of several symbols on the union of their times; a symbol without a bar
    /// at one of those times gets NaN there (it cannot trade then).
    ///
    /// - Throws: ``BacktestError`` when a symbol is repeated, a series is empty or a bar is invalid.
    public init(series: [BarSeries]) throws(BacktestError) {
        guard !series.isEmpty else { throw BacktestError(.invalidArgument, "price grid: no series") }
        for s in series where s.isEmpty {
            throw BacktestError(.insufficientData, "price grid: \(s.symbol.name) has no bars")
        }
        var times = Set<Timestamp>()
        for s in series { times.formUnion(s.timestamps) }
        let axis = times.sorted()
        var position: [Timestamp: Int] = [:]
        position.reserveCapacity(axis.count)
        for (i, t) in axis.enumerated() { position[t] = i }

        func aligned(_ s: BarSeries, _ values: [Double]) -> [Double] {
            var column = [Double](repeating: .nan, count: axis.count)
            for (i, t) in s.timestamps.enumerated() { column[position[t]!] = values[i] }
            return column
        }
        try self.init(symbols: series.map(\.symbol.name), timestamps: axis,
                      open: series.map { aligned($0, $0.open) }, high: series.map { aligned($0, $0.high) },
                      low: series.map { aligned($0, $0.low) }, close: series.map { aligned($0, $0.close) },
                      volume: series.map { aligned($0, $0.volume) })
    }
}

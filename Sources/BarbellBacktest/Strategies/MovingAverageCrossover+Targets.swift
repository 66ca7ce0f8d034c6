extension MovingAverageCrossover {
    /// The crossover as target weights, for the vectorised path and sweeps: `fraction` of equity
    /// from an up-cross to the next down-cross, 0 after it, per symbol, with the same cross rule
    /// and running averages as the event strategy.
    public static func targets(grid: PriceGrid, fast: Int, slow: Int, fraction: Double) throws(BacktestError) -> [[Double]] {
        var out: [[Double]] = []
        out.reserveCapacity(grid.symbolCount)
        for s in 0..<grid.symbolCount {
            var rule = try MovingAverageCrossover(symbol: s, fast: fast, slow: slow, entry: .fractionOfEquity(fraction))
            var column = [Double](repeating: .nan, count: grid.barCount)
            for (t, c) in grid.close[s].enumerated() where !c.isNaN {
                switch rule.cross(close: c) {
                case .up: column[t] = fraction
                case .down: column[t] = 0
                case nil: break
                }
            }
            out.append(column)
        }
        return out
    }
}

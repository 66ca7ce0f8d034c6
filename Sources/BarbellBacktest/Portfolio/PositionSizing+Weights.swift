import BarbellQuant

extension PositionSizing {
    /// Target weights for bar `bar` from the signals decided at its close.
    ///
    /// - Parameters:
    ///   - signals: one value per symbol; finite and non-zero means active, its sign the direction.
    ///   - returns: the returns history (row `bar` is the last one read); may be `nil` only for
    ///     ``fixedFraction(_:)``.
    ///   - bar: the bar whose close the decision is taken at.
    /// - Throws: ``BacktestError`` for invalid parameters (see ``validate()``), `.shapeMismatch`
    ///   when the signals and the panel disagree on the number of symbols, `.invalidArgument` for a
    ///   missing panel or a bar outside it, and when the risk-parity solver fails.
    public func weights(signals: [Double], returns: ReturnPanel? = nil, at bar: Int) throws(BacktestError) -> [Double] {
        try validate()
        var w = [Double](repeating: 0, count: signals.count)
        let direction = signals.map { $0.isFinite && $0 != 0 ? ($0 > 0 ? 1.0 : -1.0) : 0 }
        if case .fixedFraction(let f) = self {
            for i in w.indices { w[i] = direction[i] * f }
            return w
        }
        guard let panel = returns else {
            throw BacktestError(.invalidArgument, "returns: \(self) needs a return panel")
        }
        guard panel.symbols == signals.count else {
            throw BacktestError(.shapeMismatch, "signals has \(signals.count) symbols, the return panel \(panel.symbols)")
        }
        guard bar >= 0, bar < panel.bars else {
            throw BacktestError(.invalidArgument, "bar \(bar): the return panel has bars 0..<\(panel.bars)")
        }
        switch self {
        case .fixedFraction:
            break
        case .volatilityTarget(let target, let lookback, let periods, let leverage):
            for i in w.indices where direction[i] != 0 {
                guard let m = panel.windowMoments(symbol: i, bar: bar, lookback: lookback) else { continue }
                let annual = m.standardDeviation * periods.squareRoot()
                w[i] = direction[i] * (annual > 0 ? min(target / annual, leverage) : leverage)
            }
        case .fractionalKelly(let fraction, let lookback, let leverage):
            for i in w.indices where direction[i] != 0 {
                guard let m = panel.windowMoments(symbol: i, bar: bar, lookback: lookback),
                      m.standardDeviation > 0 else { continue }
                let kelly = fraction * m.mean / (m.standardDeviation * m.standardDeviation)
                w[i] = direction[i] * min(max(direction[i] * kelly, 0), leverage)
            }
        case .inverseVolatility(let lookback, let gross):
            var inverse = [Double](repeating: 0, count: w.count)
            var total = 0.0
            for i in w.indices where direction[i] != 0 {
                guard let m = panel.windowMoments(symbol: i, bar: bar, lookback: lookback),
                      m.standardDeviation > 0 else { continue }
                inverse[i] = 1 / m.standardDeviation
                total += inverse[i]
            }
            if total > 0 { for i in w.indices { w[i] = direction[i] * inverse[i] / total * gross } }
        case .equalRiskContribution(let lookback, let gross):
            let held = w.indices.filter { i in
                direction[i] != 0 && (panel.windowMoments(symbol: i, bar: bar, lookback: lookback)?.standardDeviation ?? 0) > 0
            }
            guard !held.isEmpty, var cov = panel.windowCovariance(symbols: held, bar: bar, lookback: lookback) else { return w }
            // Risk of a short is the risk of −r: flip the signs of its row and column.
            let n = held.count
            for a in 0..<n { for b in 0..<n { cov[a * n + b] *= direction[held[a]] * direction[held[b]] } }
            let solution: [Double]
            do {
                solution = try RiskParity.optimize(covariance: Matrix(rows: n, columns: n, values: cov)).weights
            } catch {
                throw BacktestError(.invalidArgument, "equal risk contribution at bar \(bar) over symbols \(held): \(error)")
            }
            for (a, i) in held.enumerated() { w[i] = direction[i] * solution[a] * gross }
        }
        return w
    }
}

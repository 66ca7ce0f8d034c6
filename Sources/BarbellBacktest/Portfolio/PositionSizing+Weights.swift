import BarbellQuant

extension PositionSizing {
    /// Target weights for bar `bar` from the signals decided at its close.
    ///
    /// - Parameters:
    ///   - signals: one value per symbol; finite and non-zero means active, its sign the direction.
    ///   - returns: the returns history (row `bar` is the last one read); not needed by
    ///     ``fixedFraction(_:)``, nor by the other moment-based rules when `moments` is given;
    ///     ``equalRiskContribution(lookback:grossExposure:)`` always reads it for the covariance.
    ///   - bar: the bar whose close the decision is taken at.
    ///   - moments: optional ``RollingMoments`` precomputed with this rule's lookback, so that a
    ///     run over many bars reads each window's mean and σ in O(1) instead of O(lookback).
    /// - Throws: ``BacktestError`` for invalid parameters (see ``validate()``), `.shapeMismatch`
    ///   when the signals, the panel and the moments disagree on symbols or lookback,
    ///   `.invalidArgument` for missing history or a bar outside it, and when the risk-parity
    ///   solver fails.
    public func weights(signals: [Double], returns: ReturnPanel? = nil, at bar: Int,
                        moments: RollingMoments? = nil) throws(BacktestError) -> [Double] {
        try validate()
        var w = [Double](repeating: 0, count: signals.count)
        let direction = signals.map { $0.isFinite && $0 != 0 ? ($0 > 0 ? 1.0 : -1.0) : 0 }
        if case .fixedFraction(let f) = self {
            for i in w.indices { w[i] = direction[i] * f }
            return w
        }
        if let moments {
            guard moments.lookback == lookback else {
                throw BacktestError(.shapeMismatch, "moments have lookback \(moments.lookback), \(self) needs \(lookback)")
            }
            guard moments.symbols == signals.count else {
                throw BacktestError(.shapeMismatch, "signals has \(signals.count) symbols, the moments \(moments.symbols)")
            }
            guard bar >= 0, bar < moments.bars else {
                throw BacktestError(.invalidArgument, "bar \(bar): the moments have bars 0..<\(moments.bars)")
            }
        }
        if let panel = returns {
            guard panel.symbols == signals.count else {
                throw BacktestError(.shapeMismatch, "signals has \(signals.count) symbols, the return panel \(panel.symbols)")
            }
            guard bar >= 0, bar < panel.bars else {
                throw BacktestError(.invalidArgument, "bar \(bar): the return panel has bars 0..<\(panel.bars)")
            }
        }
        let needsPanel: Bool
        if case .equalRiskContribution = self { needsPanel = true } else { needsPanel = moments == nil }
        if needsPanel, returns == nil {
            throw BacktestError(.invalidArgument, "returns: \(self) needs a return panel")
        }
        func stats(_ i: Int) -> (mean: Double, standardDeviation: Double)? {
            if let moments { return moments.moments(symbol: i, bar: bar) }
            return returns?.windowMoments(symbol: i, bar: bar, lookback: lookback)
        }
        switch self {
        case .fixedFraction:
            break
        case .volatilityTarget(let target, _, let periods, let leverage):
            for i in w.indices where direction[i] != 0 {
                guard let m = stats(i) else { continue }
                let annual = m.standardDeviation * periods.squareRoot()
                w[i] = direction[i] * (annual > 0 ? min(target / annual, leverage) : leverage)
            }
        case .fractionalKelly(let fraction, _, let leverage):
            for i in w.indices where direction[i] != 0 {
                guard let m = stats(i),
                      m.standardDeviation > 0 else { continue }
                let kelly = fraction * m.mean / (m.standardDeviation * m.standardDeviation)
                w[i] = direction[i] * min(max(direction[i] * kelly, 0), leverage)
            }
        case .inverseVolatility(_, let gross):
            var inverse = [Double](repeating: 0, count: w.count)
            var total = 0.0
            for i in w.indices where direction[i] != 0 {
                guard let m = stats(i),
                      m.standardDeviation > 0 else { continue }
                inverse[i] = 1 / m.standardDeviation
                total += inverse[i]
            }
            if total > 0 { for i in w.indices { w[i] = direction[i] * inverse[i] / total * gross } }
        case .equalRiskContribution(let lookback, let gross):
            let held = w.indices.filter { i in
                direction[i] != 0 && (stats(i)?.standardDeviation ?? 0) > 0
            }
            guard let panel = returns, !held.isEmpty, var cov = panel.windowCovariance(symbols: held, bar: bar, lookback: lookback) else { return w }
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

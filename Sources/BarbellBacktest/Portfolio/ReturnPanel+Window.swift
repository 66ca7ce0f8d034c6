/// Statistics of the trailing window `bar − lookback + 1 ... bar` (the returns known at bar
/// `bar`'s close). Each is computed afresh in O(lookback): two passes (mean, then squared
/// deviations) as numpy computes `mean` and `std(ddof=1)`, so sizing agrees with the reference to
/// rounding. A window that starts before bar 0 or holds a NaN has no statistic (`nil`).
extension ReturnPanel {
    /// Mean and sample standard deviation (ddof 1) of `symbol`'s last `lookback` returns.
    public func windowMoments(symbol: Int, bar: Int, lookback: Int) -> (mean: Double, standardDeviation: Double)? {
        let first = bar - lookback + 1
        guard lookback >= 2, first >= 0, bar < bars, symbol >= 0, symbol < symbols else { return nil }
        var sum = 0.0
        for t in first...bar {
            let r = values[t * symbols + symbol]
            if r.isNaN { return nil }
            sum += r
        }
        let mean = sum / Double(lookback)
        var squares = 0.0
        for t in first...bar {
            let d = values[t * symbols + symbol] - mean
            squares += d * d
        }
        return (mean, (squares / Double(lookback - 1)).squareRoot())
    }

    /// Sample covariance (ddof 1) of the given symbols' last `lookback` returns, row-major
    /// `n × n` in the order of `symbols`; `nil` when any window is unavailable.
    public func windowCovariance(symbols chosen: [Int], bar: Int, lookback: Int) -> [Double]? {
        let first = bar - lookback + 1
        guard lookback >= 2, first >= 0, bar < bars else { return nil }
        let n = chosen.count
        var centred = [Double](repeating: 0, count: n * lookback)
        for (i, j) in chosen.enumerated() {
            guard j >= 0, j < symbols else { return nil }
            var sum = 0.0
            for t in first...bar {
                let r = values[t * symbols + j]
                if r.isNaN { return nil }
                sum += r
            }
            let mean = sum / Double(lookback)
            for t in first...bar { centred[i * lookback + t - first] = values[t * symbols + j] - mean }
        }
        var cov = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in a..<n {
                var s = 0.0
                for k in 0..<lookback { s += centred[a * lookback + k] * centred[b * lookback + k] }
                cov[a * n + b] = s / Double(lookback - 1)
                cov[b * n + a] = cov[a * n + b]
            }
        }
        return cov
    }
}

extension Returns {
    /// Stationary-bootstrap confidence intervals for the annualised Sharpe ratio and the maximum
    /// drawdown of these returns.
    /// - Parameters:
    ///   - expectedBlockLength: mean block length; nil chooses it with
    ///     ``StationaryBootstrap/optimalBlockLength(_:)`` (at least 1).
    /// - Throws: ``BacktestError`` for resamples < 1, a confidence outside (0, 1), a bad block length,
    ///   or a series the automatic rule cannot size.
    public func bootstrapIntervals(resamples: Int, confidence: Double = 0.95, expectedBlockLength: Double? = nil,
                                   seed: UInt64) throws(BacktestError) -> (sharpe: BootstrapInterval, maxDrawdown: BootstrapInterval) {
        var length = 1.0
        if let expectedBlockLength {
            length = expectedBlockLength
        } else {
            length = max(1, try StationaryBootstrap.optimalBlockLength(values).stationary)
        }
        let bootstrap = try StationaryBootstrap(expectedBlockLength: length, seed: seed)
        let ppy = periodsPerYear
        let sharpe = try bootstrap.interval(of: values, resamples: resamples, confidence: confidence) {
            Self.sharpeRatio(of: $0, periodsPerYear: ppy)
        }
        let drawdown = try bootstrap.interval(of: values, resamples: resamples, confidence: confidence) {
            Self.maxDrawdown(of: $0)
        }
        return (sharpe, drawdown)
    }

    /// ``sharpeRatio(riskFree:)`` (risk-free 0) of unchecked values: the bootstrap's statistic.
    public static func sharpeRatio(of values: [Double], periodsPerYear: Double) -> Double {
        let n = Double(values.count)
        let m = values.reduce(0, +) / n
        let constant = values.max() == values.min()
        let s = constant ? 0 : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        return m / s * periodsPerYear.squareRoot()
    }

    /// ``maxDrawdown`` of unchecked values: the bootstrap's statistic.
    public static func maxDrawdown(of values: [Double]) -> Double {
        var wealth = 100.0, peak = 100.0, depth = 0.0
        for r in values {
            wealth *= 1 + r
            peak = max(peak, wealth)
            depth = min(depth, (wealth - peak) / peak)
        }
        return depth
    }
}

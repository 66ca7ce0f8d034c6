import Foundation

extension Returns {
    /// Compounded return over the whole series: Π(1 + r) − 1.
    public var totalReturn: Double { values.reduce(1) { $0 * (1 + $1) } - 1 }

    /// Compound annual growth rate: (1 + total)^(periodsPerYear / n) − 1.
    public var annualReturn: Double { pow(1 + totalReturn, periodsPerYear / Double(count)) - 1 }

    /// Sample standard deviation × √periodsPerYear.
    public var annualVolatility: Double { standardDeviation * periodsPerYear.squareRoot() }

    /// Mean over sample standard deviation of `r − riskFree`, × √periodsPerYear; 0 deviation of a
    /// constant series counts as 0 (empyrical's rule), so the ratio is ±∞ or NaN there.
    public func sharpeRatio(riskFree: Double = 0) -> Double {
        let adjusted = values.map { $0 - riskFree }
        let m = adjusted.reduce(0, +) / Double(count)
        let constant = adjusted.max() == adjusted.min()
        let s = constant ? 0 : (adjusted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count - 1)).squareRoot()
        return m / s * periodsPerYear.squareRoot()
    }

    /// √(mean(min(r − required, 0)²)) × √periodsPerYear.
    public func downsideRisk(requiredReturn: Double = 0) -> Double {
        let squares = values.map { v -> Double in let d = min(v - requiredReturn, 0); return d * d }
        return (squares.reduce(0, +) / Double(count)).squareRoot() * periodsPerYear.squareRoot()
    }

    /// Annualised mean excess return over the downside risk.
    public func sortinoRatio(requiredReturn: Double = 0) -> Double {
        let mean = values.reduce(0) { $0 + ($1 - requiredReturn) } / Double(count)
        return mean * periodsPerYear / downsideRisk(requiredReturn: requiredReturn)
    }

    /// The deepest fall of wealth from its running peak, as a negative fraction (0 without a loss).
    /// Wealth starts at 1 before the first return, so a first-period loss counts.
    public var maxDrawdown: Double { drawdown.depth }

    /// The longest time under water: periods from a peak until wealth regains it (or the series ends).
    public var maxDrawdownDuration: Int { drawdown.longest }

    var drawdown: (depth: Double, longest: Int) {
        var wealth = 100.0, peak = 100.0, depth = 0.0, longest = 0, under = 0
        for r in values {
            wealth *= 1 + r
            peak = max(peak, wealth)
            depth = min(depth, (wealth - peak) / peak)
            under = wealth < peak ? under + 1 : 0
            longest = max(longest, under)
        }
        return (depth, longest)
    }

    /// Annual return over |max drawdown|; NaN without a drawdown.
    public var calmarRatio: Double {
        let dd = maxDrawdown
        guard dd < 0 else { return .nan }
        let ratio = annualReturn / abs(dd)
        return ratio.isInfinite ? .nan : ratio
    }

    /// Σ gains over Σ losses of `r − riskFree − threshold`, the threshold being `requiredReturn`
    /// de-annualised; NaN without a loss.
    public func omegaRatio(riskFree: Double = 0, requiredReturn: Double = 0) -> Double {
        let threshold = periodsPerYear == 1 ? requiredReturn : pow(1 + requiredReturn, 1 / periodsPerYear) - 1
        var gains = 0.0, losses = 0.0
        for v in values {
            let d = v - riskFree - threshold
            if d > 0 { gains += d } else if d < 0 { losses -= d }
        }
        return losses > 0 ? gains / losses : .nan
    }

    /// |95th percentile| over |5th percentile| (numpy's linear percentiles).
    public var tailRatio: Double { abs(percentile(95)) / abs(percentile(5)) }

    /// Historical value at risk: the `cutoff` percentile of the returns (a negative number for a loss).
    public func valueAtRisk(cutoff: Double = 0.05) -> Double { percentile(100 * cutoff) }

    /// Expected shortfall: the mean of the `⌊(n − 1)·cutoff⌋ + 1` smallest returns.
    public func conditionalValueAtRisk(cutoff: Double = 0.05) -> Double {
        let k = Int(Double(count - 1) * cutoff)
        let worst = values.sorted().prefix(k + 1)
        return worst.reduce(0, +) / Double(worst.count)
    }

    /// numpy's `percentile(values, q)` with linear interpolation.
    func percentile(_ q: Double) -> Double {
        let sorted = values.sorted()
        let position = q / 100 * Double(count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Biased sample skewness (scipy.stats.skew's default).
    public var skewness: Double {
        let m = mean, n = Double(count)
        let m2 = values.reduce(0) { $0 + pow($1 - m, 2) } / n
        let m3 = values.reduce(0) { $0 + pow($1 - m, 3) } / n
        return m3 / pow(m2, 1.5)
    }

    /// Biased excess kurtosis (scipy.stats.kurtosis's default, Fisher).
    public var excessKurtosis: Double {
        let m = mean, n = Double(count)
        let m2 = values.reduce(0) { $0 + pow($1 - m, 2) } / n
        let m4 = values.reduce(0) { $0 + pow($1 - m, 4) } / n
        return m4 / (m2 * m2) - 3
    }

    /// Beta against `benchmark` (population covariance over variance) and annualised alpha,
    /// `(1 + mean(r − β·b))^periodsPerYear − 1`, both after subtracting `riskFree`.
    /// - Throws: ``BacktestError`` when the lengths differ or the benchmark does not vary.
    public func alphaBeta(benchmark: Returns, riskFree: Double = 0) throws(BacktestError) -> (alpha: Double, beta: Double) {
        guard benchmark.count == count else {
            throw BacktestError(.shapeMismatch, "alpha/beta: \(count) returns but \(benchmark.count) benchmark returns; align them by date first")
        }
        let r = values.map { $0 - riskFree }, b = benchmark.values.map { $0 - riskFree }
        let n = Double(count)
        let bMean = b.reduce(0, +) / n
        let residual = b.map { $0 - bMean }
        let covariance = zip(residual, r).reduce(0) { $0 + $1.0 * $1.1 } / n
        let variance = residual.reduce(0) { $0 + $1 * $1 } / n
        guard variance >= 1e-30 else {
            throw BacktestError(.insufficientData, "alpha/beta: the benchmark returns do not vary")
        }
        let beta = covariance / variance
        let alphaMean = zip(r, b).reduce(0) { $0 + ($1.0 - beta * $1.1) } / n
        return (pow(1 + alphaMean, periodsPerYear) - 1, beta)
    }
}

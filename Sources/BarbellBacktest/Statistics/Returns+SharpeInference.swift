import BarbellQuant
import Foundation

extension Returns {
    /// The per-period Sharpe ratio mean / standard deviation (ddof 1), the quantity the
    /// probabilistic and deflated Sharpe ratios are stated in.
    public var periodSharpeRatio: Double { mean / standardDeviation }

    /// The probabilistic Sharpe ratio (Bailey & López de Prado 2012): the probability that the
    /// true per-period Sharpe ratio exceeds `benchmark`, given this sample's length, skewness and
    /// kurtosis — Φ((SR − SR*)·√(n − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)), with γ₄ the
    /// (non-excess) kurtosis.
    public func probabilisticSharpeRatio(benchmark: Double = 0) -> Double {
        let sr = periodSharpeRatio
        let g3 = skewness, g4 = excessKurtosis + 3
        let denominator = (1 - g3 * sr + (g4 - 1) / 4 * sr * sr).squareRoot()
        return StandardNormal.cdf((sr - benchmark) * Double(count - 1).squareRoot() / denominator)
    }

    /// The deflated Sharpe ratio (Bailey & López de Prado 2014): the probabilistic Sharpe ratio
    /// against the Sharpe ratio expected from the best of `trials` independent unskilled trials,
    /// SR₀ = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant.
    ///
    /// - Parameters:
    ///   - trials: every trial run to find this strategy, whatever its outcome — the count a
    ///     tuning study records.
    ///   - sharpeVariance: the variance of the trials' per-period Sharpe ratios.
    /// - Throws: ``BacktestError`` for fewer than 2 trials or a negative or non-finite variance.
    public func deflatedSharpeRatio(trials: Int, sharpeVariance: Double) throws(BacktestError) -> (dsr: Double, expectedMaximum: Double) {
        guard trials >= 2 else {
            throw BacktestError(.invalidArgument, "deflated Sharpe ratio: \(trials) trials; it needs the number of trials run (≥ 2)")
        }
        guard sharpeVariance.isFinite, sharpeVariance >= 0 else {
            throw BacktestError(.invalidArgument, "deflated Sharpe ratio: Sharpe variance \(sharpeVariance); expected a finite value ≥ 0")
        }
        let gamma = 0.577_215_664_901_532_9
        let n = Double(trials)
        let expected = sharpeVariance.squareRoot()
            * ((1 - gamma) * StandardNormal.quantile(1 - 1 / n) + gamma * StandardNormal.quantile(1 - 1 / (n * M_E)))
        return (probabilisticSharpeRatio(benchmark: expected), expected)
    }
}

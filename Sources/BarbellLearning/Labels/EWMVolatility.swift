import Foundation

/// Exponentially weighted standard deviation with pandas' `Series.ewm(span:).std()` semantics
/// (`adjust=True`, `bias=False`, `min_periods=0`), used to scale triple barriers to the current
/// volatility (López de Prado, AFML snippet 3.1).
public enum EWMVolatility {
    /// The EWM standard deviation of `x` after each observation: NaN at position 0 (one value has
    /// no unbiased spread), then defined from position 1 on. The recurrence is pandas' `ewmcov`
    /// (weighted mean and covariance updated online, then the bias correction
    /// `(Σw)² / ((Σw)² − Σw²)`), kept step for step so values agree to rounding.
    /// - Throws: ``LearningError`` when `span < 1` or a value is not finite.
    public static func std(_ x: [Double], span: Double) throws(LearningError) -> [Double] {
        guard span.isFinite, span >= 1 else {
            throw LearningError(.invalidArgument, "EWM span \(span): expected a finite value ≥ 1")
        }
        for (i, v) in x.enumerated() where !v.isFinite {
            throw LearningError(.nonFinite, "EWM input at position \(i) is \(v): expected a finite value")
        }
        guard let first = x.first else { return [] }
        let alpha = 2 / (span + 1)
        let decay = 1 - alpha
        var mean = first, cov = 0.0
        var sumW = 1.0, sumW2 = 1.0, oldW = 1.0
        var out = [Double](repeating: .nan, count: x.count)
        for i in 1..<x.count {
            let cur = x[i]
            sumW *= decay
            sumW2 *= decay * decay
            oldW *= decay
            let oldMean = mean
            // pandas skips the update when equal so a constant series keeps an exact mean.
            if mean != cur { mean = (oldW * oldMean + cur) / (oldW + 1) }
            cov = (oldW * (cov + (oldMean - mean) * (oldMean - mean)) + (cur - mean) * (cur - mean)) / (oldW + 1)
            sumW += 1
            sumW2 += 1
            oldW += 1
            let numerator = sumW * sumW
            let denominator = numerator - sumW2
            let variance = denominator > 0 ? numerator / denominator * cov : .nan
            // pandas' zsqrt: a rounding-negative variance reads as 0.
            out[i] = variance.isNaN ? .nan : (variance > 0 ? variance.squareRoot() : 0)
        }
        return out
    }

    /// Per-bar volatility of one-bar simple returns `close[i]/close[i−1] − 1`, the EWM std of the
    /// returns up to and including bar i: NaN at bars 0 and 1, defined from bar 2.
    /// - Throws: ``LearningError`` when `span < 1` or a close is not finite and positive.
    public static func ofReturns(close: [Double], span: Double) throws(LearningError) -> [Double] {
        try CloseSeriesCheck.validate(close)
        guard close.count >= 2 else { return [Double](repeating: .nan, count: close.count) }
        var returns: [Double] = []
        returns.reserveCapacity(close.count - 1)
        for i in 1..<close.count { returns.append(close[i] / close[i - 1] - 1) }
        return [.nan] + (try std(returns, span: span))
    }
}

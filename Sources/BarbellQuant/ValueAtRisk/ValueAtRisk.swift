import Foundation

/// Value at risk and expected shortfall of a return series by the standard methods.
///
/// Every method takes simple returns per period and gives positive losses (see
/// ``RiskEstimate``). Confidence is the probability of *not* exceeding the VaR (0.95, 0.99).
public enum ValueAtRisk {
    static func check(confidence: Double, horizon: Int) throws {
        guard confidence > 0.5, confidence < 1 else {
            throw QuantError(.invalidArgument, "confidence is \(confidence); expected a level in (0.5, 1), e.g. 0.99")
        }
        guard horizon >= 1 else { throw QuantError(.invalidArgument, "horizon is \(horizon); expected at least 1 period") }
    }

    /// Historical simulation: the empirical `1 − confidence` quantile of the returns (NumPy's
    /// linear interpolation), and ES as the mean of the returns at or below it. For `horizon > 1`
    /// the sample is the overlapping `horizon`-period compounded returns.
    ///
    /// - Throws: `insufficientData` unless the tail holds at least one observation
    ///   (`n·(1−confidence) ≥ 1`).
    public static func historical(_ returns: [Double], confidence: Double, horizon: Int = 1) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        // Validates length and finiteness; the moments themselves are not needed here.
        _ = try SampleMoments(returns, minimum: horizon + 1)
        var sample = returns
        if horizon > 1 {
            sample = (0...(returns.count - horizon)).map { start in
                returns[start..<(start + horizon)].reduce(1.0) { $0 * (1 + $1) } - 1
            }
        }
        let tail = 1 - confidence
        guard Double(sample.count) * tail >= 1 else {
            let needed = Int((1 / tail).rounded(.up)) + horizon - 1
            throw QuantError(.insufficientData, "\(returns.count) returns leave no observation in the \(tail * 100)% tail; historical VaR at \(confidence) needs at least \(needed)")
        }
        let sorted = sample.sorted()
        let q = EmpiricalQuantile.linear(sorted, tail)
        var sum = 0.0, count = 0
        for r in sorted {
            guard r <= q else { break }
            sum += r
            count += 1
        }
        return RiskEstimate(method: "historical", confidence: confidence, horizon: horizon,
                            horizonScaling: horizon == 1 ? HorizonScaling.none : HorizonScaling.overlappingPeriods,
                            valueAtRisk: -q, expectedShortfall: -sum / Double(count))
    }

    /// Parametric normal: `VaR = −(hμ + √h σ z₁₋c)`, `ES = −(hμ − √h σ φ(z)/(1−c))` with the
    /// sample mean and standard deviation (n − 1).
    public static func normal(_ returns: [Double], confidence: Double, horizon: Int = 1) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let m = try SampleMoments(returns)
        return normal(mean: m.mean, standardDeviation: m.standardDeviation, confidence: confidence, horizon: horizon)
    }

    /// Parametric normal from given one-period moments.
    public static func normal(mean: Double, standardDeviation: Double, confidence: Double, horizon: Int = 1) -> RiskEstimate {
        let h = Double(horizon)
        let z = StandardNormal.quantile(1 - confidence)
        let mu = mean * h, sigma = standardDeviation * h.squareRoot()
        return RiskEstimate(method: "normal", confidence: confidence, horizon: horizon,
                            horizonScaling: horizon == 1 ? HorizonScaling.none : HorizonScaling.squareRootOfTime,
                            valueAtRisk: -(mu + sigma * z),
                            expectedShortfall: -(mu - sigma * StandardNormal.pdf(z) / (1 - confidence)))
    }

    /// Cornish-Fisher (modified) VaR: the normal quantile corrected for the sample skewness `S`
    /// and excess kurtosis `K` (SciPy's biased estimators),
    /// `z_cf = z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36`. ES is the mean of the same
    /// quantile function over the tail, `−(1/(1−c))∫₀^{1−c} (μ + σ z_cf(p)) dp`, integrated by
    /// 64-point Gauss-Legendre on a log-spaced scale of `p`. Horizon: square root of time.
    public static func cornishFisher(_ returns: [Double], confidence: Double, horizon: Int = 1) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let m = try SampleMoments(returns, minimum: 4)
        let (s, k) = (m.skewness, m.excessKurtosis)
        func zcf(_ p: Double) -> Double {
            let z = StandardNormal.quantile(p)
            let z2 = z * z
            return z + (z2 - 1) * s / 6 + (z2 * z - 3 * z) * k / 24 - (2 * z2 * z - 5 * z) * s * s / 36
        }
        let h = Double(horizon)
        let mu = m.mean * h, sigma = m.standardDeviation * h.squareRoot()
        let tail = 1 - confidence
        let meanTailQuantile = GaussLegendre.integrateLogScale(zcf, over: tail) / tail
        return RiskEstimate(method: "cornish_fisher", confidence: confidence, horizon: horizon,
                            horizonScaling: horizon == 1 ? HorizonScaling.none : HorizonScaling.squareRootOfTime,
                            valueAtRisk: -(mu + sigma * zcf(tail)),
                            expectedShortfall: -(mu + sigma * meanTailQuantile))
    }
}

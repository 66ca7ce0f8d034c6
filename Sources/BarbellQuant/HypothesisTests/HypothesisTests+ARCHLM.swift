import Foundation

/// Engle's Lagrange-multiplier test for ARCH effects: both of statsmodels' statistics.
public struct ARCHLMResult: Sendable, Equatable {
    /// (n − lags − ddof)·R² of the auxiliary regression, asymptotically χ²(lags).
    public let lagrangeMultiplier: Double
    public let lagrangeMultiplierPValue: Double
    /// The auxiliary regression's F statistic for all lag coefficients zero, F(lags, n − 2·lags − 1).
    public let fStatistic: Double
    public let fPValue: Double
    /// The number of lags of squared residuals.
    public let lags: Int
    /// Observations in the auxiliary regression (n − lags).
    public let observations: Int
}

extension HypothesisTests {
    /// Engle's ARCH-LM test: statsmodels' `het_arch(residuals, nlags=lags, ddof=…)`.
    ///
    /// Regresses e²ₜ on a constant and e²ₜ₋₁ … e²ₜ₋ₗ (the residuals are squared as given, not
    /// demeaned); LM = (n − l − ddof)·R² against χ²(l) and the regression's F against
    /// F(l, n − 2l − 1). Needs at least 2·lags + 2 residuals and squared residuals that vary.
    public static func archLM(_ residuals: [Double], lags: Int, ddof: Int = 0) throws -> ARCHLMResult {
        guard lags >= 1 else { throw QuantError(.invalidArgument, "lags is \(lags); expected at least 1") }
        guard ddof >= 0 else { throw QuantError(.invalidArgument, "ddof is \(ddof); expected ≥ 0") }
        try requireSample(residuals, "residuals", minimum: 2 * lags + 2, for: "an ARCH-LM test with \(lags) lags")
        let e2 = residuals.map { $0 * $0 }
        let n = e2.count - lags
        var design = [Double](repeating: 1, count: n * (lags + 1))
        for r in 0..<n {
            for j in 1...lags { design[r * (lags + 1) + j] = e2[lags + r - j] }
        }
        let response = Array(e2[lags...])
        let fit = try OrdinaryLeastSquares(design: Matrix(rows: n, columns: lags + 1, values: design), response: response)
        guard fit.centredTotalSumOfSquares > 0 else {
            throw QuantError(.invalidArgument, "the squared residuals are constant: R² is undefined")
        }
        let r2 = 1 - fit.residualSumOfSquares / fit.centredTotalSumOfSquares
        let lm = Double(n - ddof) * r2
        let dfModel = Double(fit.rank - 1), dfResidual = Double(n - fit.rank)
        // statsmodels' form: explained over residual mean squares.
        let f = ((fit.centredTotalSumOfSquares - fit.residualSumOfSquares) / dfModel) / (fit.residualSumOfSquares / dfResidual)
        return ARCHLMResult(
            lagrangeMultiplier: lm,
            lagrangeMultiplierPValue: try ChiSquared(degreesOfFreedom: Double(lags)).survival(lm),
            fStatistic: f,
            fPValue: try FDistribution(numeratorDegreesOfFreedom: dfModel, denominatorDegreesOfFreedom: dfResidual).survival(f),
            lags: lags, observations: n)
    }
}

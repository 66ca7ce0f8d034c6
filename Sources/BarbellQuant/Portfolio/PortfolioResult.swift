/// A portfolio's annualised expected return, volatility and Sharpe ratio (PyPortfolioOpt's
/// `portfolio_performance`: `wᵀμ`, `√(wᵀΣw)`, `(wᵀμ − r_f) / σ`).
public struct PortfolioPerformance: Sendable, Equatable {
    /// `wᵀμ`.
    public var expectedReturn: Double
    /// `√(wᵀΣw)`.
    public var volatility: Double
    /// `(wᵀμ − r_f) / σ`.
    public var sharpeRatio: Double

    /// The performance of `weights` under `expectedReturns` and `covariance` (both annualised).
    public init(weights: [Double], expectedReturns: [Double], covariance: Matrix, riskFreeRate: Double = 0) throws {
        guard weights.count == expectedReturns.count, covariance.rows == weights.count, covariance.columns == weights.count else {
            throw QuantError(.shapeMismatch, "\(weights.count) weights need \(weights.count) expected returns and a \(weights.count)×\(weights.count) covariance, got \(expectedReturns.count) and \(covariance.rows)×\(covariance.columns)")
        }
        let sigmaW = try covariance.multiplied(by: weights)
        let variance = zip(weights, sigmaW).reduce(0) { $0 + $1.0 * $1.1 }
        expectedReturn = zip(weights, expectedReturns).reduce(0) { $0 + $1.0 * $1.1 }
        volatility = max(variance, 0).squareRoot()
        sharpeRatio = (expectedReturn - riskFreeRate) / volatility
    }
}

/// An optimised portfolio: the weights (in the assets' order), their performance, how the
/// optimiser ended and notes on what was done to the inputs on the way.
public struct PortfolioResult: Sendable {
    /// One weight per asset, in the assets' order.
    public var weights: [Double]
    /// Expected return, volatility and Sharpe ratio of ``weights``.
    public var performance: PortfolioPerformance
    /// How the solver stopped (`"optimal"`, or the NLopt/GLPK status), for reports.
    public var status: String
    /// Notes such as a regularised covariance or pairwise estimates on gapped data.
    public var diagnostics: [String]

    /// A result from its parts.
    public init(weights: [Double], performance: PortfolioPerformance, status: String, diagnostics: [String] = []) {
        self.weights = weights
        self.performance = performance
        self.status = status
        self.diagnostics = diagnostics
    }
}

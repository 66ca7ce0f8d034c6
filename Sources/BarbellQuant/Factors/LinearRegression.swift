import Foundation

/// Ordinary least squares with classical, heteroskedasticity-robust or Newey-West standard
/// errors, in statsmodels' conventions (`OLS(y, X).fit(cov_type=...)`).
public struct LinearRegression: Sendable {
    /// How the coefficient covariance is estimated.
    public enum CovarianceType: Sendable, Equatable {
        /// `s²(XᵀX)⁻¹` with `s² = RSS/(n−k)`; p-values from Student-t with n−k degrees of freedom.
        case classical
        /// White's HC0, `(XᵀX)⁻¹ (Σ uₜ² xₜxₜᵀ) (XᵀX)⁻¹`; normal p-values (statsmodels' default
        /// `use_t=False` for robust covariances).
        case white
        /// Newey-West HAC with Bartlett weights `1 − l/(L+1)` up to `lags` (nil: statsmodels'
        /// `⌊4(n/100)^{2/9}⌋`), no small-sample correction (statsmodels' default); normal p-values.
        case neweyWest(lags: Int?)
    }

    /// The estimated coefficients, the intercept first when one was added.
    public var coefficients: [Double]
    public var standardErrors: [Double]
    /// Coefficient / standard error.
    public var tStatistics: [Double]
    /// Two-sided p-values of `coefficient = 0`.
    public var pValues: [Double]
    public var rSquared: Double
    public var adjustedRSquared: Double
    public var residuals: [Double]
    public var observations: Int
    /// The HAC lag actually used (nil for the other covariance types).
    public var lags: Int?

    /// Regresses `y` on the columns of `regressors` (row `t` holds observation `t`'s values),
    /// adding a constant first when `intercept` is true.
    ///
    /// - Throws: `shapeMismatch` when `y` and the regressors disagree in length,
    ///   `insufficientData` with no more observations than coefficients, `nonFinite` for NaN,
    ///   `singularMatrix` when the regressors are collinear (statsmodels would silently use a
    ///   pseudo-inverse; a factor model with collinear factors has no meaningful betas).
    public init(_ y: [Double], regressors: Matrix, intercept: Bool = true, covariance: CovarianceType = .classical) throws {
        let n = y.count
        guard regressors.rows == n else {
            throw QuantError(.shapeMismatch, "\(n) observations of y but \(regressors.rows) rows of regressors")
        }
        let k = regressors.columns + (intercept ? 1 : 0)
        guard n > k else {
            throw QuantError(.insufficientData, "\(n) observations for \(k) coefficients; OLS needs at least \(k + 1)")
        }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw QuantError(.nonFinite, "y[\(i)] is \(y[i])") }
        try regressors.requireFinite("regressors")
        var design = [Double](repeating: 1, count: n * k)
        for t in 0..<n {
            for j in 0..<regressors.columns { design[t * k + j + (intercept ? 1 : 0)] = regressors[t, j] }
        }
        let x = Matrix(uncheckedRows: n, columns: k, values: design)
        // β = X⁺y and (XᵀX)⁻¹ = X⁺X⁺ᵀ, through the SVD as statsmodels' pinv does.
        let svd = try x.singularValueDecomposition()
        let singular = svd.s
        if let smallest = singular.last, smallest <= 1e-12 * singular[0] {
            throw QuantError(.singularMatrix, "the regressors are collinear (condition number \(singular[0] / max(smallest, .leastNormalMagnitude))); drop a redundant column")
        }
        let pinv = x.pseudoInverse(singularValueDecomposition: svd)
        let beta = try pinv.multiplied(by: y)
        let fitted = try x.multiplied(by: beta)
        let residuals = zip(y, fitted).map { $0 - $1 }
        let bread = try pinv.multiplied(by: pinv.transposed)
        let rss = residuals.reduce(0) { $0 + $1 * $1 }

        var cov: Matrix
        var usedLags: Int?
        switch covariance {
        case .classical:
            cov = bread
            let s2 = rss / Double(n - k)
            for i in cov.values.indices { cov.values[i] *= s2 }
        case .white:
            cov = try Self.sandwich(bread, x: x, residuals: residuals, lags: 0)
        case .neweyWest(let lags):
            let lags = lags ?? Int((4 * pow(Double(n) / 100, 2.0 / 9)).rounded(.down))
            guard lags >= 0, lags < n else { throw QuantError(.invalidArgument, "Newey-West lags \(lags) must be in [0, \(n - 1)]") }
            usedLags = lags
            cov = try Self.sandwich(bread, x: x, residuals: residuals, lags: lags)
        }
        let se = (0..<k).map { cov[$0, $0].squareRoot() }
        let t = zip(beta, se).map { $0 / $1 }
        let degrees = Double(n - k)
        let p: [Double]
        if case .classical = covariance {
            let distribution = try StudentT(degreesOfFreedom: degrees)
            p = t.map { 2 * distribution.survival(abs($0)) }
        } else {
            p = t.map { 2 * StandardNormal.survival(abs($0)) }
        }
        let mean = y.reduce(0, +) / Double(n)
        // statsmodels' R² is centred with a constant and uncentred without one.
        let tss = intercept ? y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } : y.reduce(0) { $0 + $1 * $1 }
        let r2 = 1 - rss / tss
        self.coefficients = beta
        self.standardErrors = se
        self.tStatistics = t
        self.pValues = p
        self.rSquared = r2
        self.adjustedRSquared = 1 - (1 - r2) * Double(n - (intercept ? 1 : 0)) / degrees
        self.residuals = residuals
        self.observations = n
        self.lags = usedLags
    }

    /// `B S B` with `S = Σₜ uₜ²xₜxₜᵀ + Σₗ wₗ Σₜ uₜuₜ₋ₗ(xₜxₜ₋ₗᵀ + xₜ₋ₗxₜᵀ)`, `wₗ = 1 − l/(L+1)`.
    static func sandwich(_ bread: Matrix, x: Matrix, residuals u: [Double], lags: Int) throws -> Matrix {
        let (n, k) = (x.rows, x.columns)
        var scores = x.values
        for t in 0..<n { for j in 0..<k { scores[t * k + j] *= u[t] } }
        var meat = [Double](repeating: 0, count: k * k)
        for lag in 0...lags {
            let weight = lag == 0 ? 1 : 1 - Double(lag) / Double(lags + 1)
            for t in lag..<n {
                for i in 0..<k {
                    let a = scores[t * k + i]
                    for j in 0..<k {
                        let cross = a * scores[(t - lag) * k + j]
                        meat[i * k + j] += weight * cross
                        if lag > 0 { meat[j * k + i] += weight * cross }
                    }
                }
            }
        }
        let s = Matrix(uncheckedRows: k, columns: k, values: meat)
        return try bread.multiplied(by: s).multiplied(by: bread)
    }
}

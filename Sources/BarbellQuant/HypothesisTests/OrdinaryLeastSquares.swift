import Foundation

/// An ordinary least-squares fit through the thin SVD, as statsmodels' `OLS(...).fit()` (its
/// default `pinv` method): coefficients pinv(X)·y, unscaled covariance V·S⁻²·Vᵀ = pinv·pinvᵀ,
/// rank by NumPy's `matrix_rank` cutoff.
struct OrdinaryLeastSquares {
    let coefficients: [Double]
    let residualSumOfSquares: Double
    /// Σ(y − ȳ)², for the centred R² of regressions with a constant.
    let centredTotalSumOfSquares: Double
    let rank: Int
    let observations: Int
    /// (XᵀX)⁻¹ through the pseudo-inverse.
    let unscaledCovariance: Matrix

    init(design x: Matrix, response y: [Double]) throws {
        let (u, s, vt) = try x.singularValueDecomposition()
        let k = s.count, p = x.columns, n = x.rows
        let smax = s.max() ?? 0
        let rankCutoff = smax * Double(max(n, p)) * Double.ulpOfOne
        let pinvCutoff = 1e-15 * smax
        rank = s.filter { $0 > rankCutoff }.count
        // Uᵀy, scaled by 1/s, then back through V.
        var uty = [Double](repeating: 0, count: k)
        for i in 0..<n {
            let yi = y[i]
            for j in 0..<k { uty[j] += u[i, j] * yi }
        }
        var beta = [Double](repeating: 0, count: p)
        var covariance = [Double](repeating: 0, count: p * p)
        for j in 0..<k where s[j] > pinvCutoff {
            let inverse = 1 / s[j]
            let c = uty[j] * inverse
            for a in 0..<p {
                let va = vt[j, a]
                beta[a] += va * c
                let w = va * inverse * inverse
                for b in 0..<p { covariance[a * p + b] += w * vt[j, b] }
            }
        }
        coefficients = beta
        var ssr = 0.0
        for i in 0..<n {
            var fitted = 0.0
            for j in 0..<p { fitted += x[i, j] * beta[j] }
            ssr += (y[i] - fitted) * (y[i] - fitted)
        }
        residualSumOfSquares = ssr
        let m = HypothesisTests.mean(y)
        centredTotalSumOfSquares = HypothesisTests.sumOfSquares(y, mean: m)
        observations = n
        unscaledCovariance = try Matrix(rows: p, columns: p, values: covariance)
    }

    /// Gaussian log-likelihood at the fitted coefficients (σ² = SSR/n).
    var logLikelihood: Double {
        let n = Double(observations)
        return -n / 2 * (log(2 * Double.pi) + log(residualSumOfSquares / n) + 1)
    }

    /// statsmodels' AIC and BIC, counting the rank as the number of mean parameters.
    var akaike: Double { -2 * logLikelihood + 2 * Double(rank) }
    var bayesian: Double { -2 * logLikelihood + log(Double(observations)) * Double(rank) }

    /// The t statistic of coefficient j, with σ² = SSR/(n − rank).
    func tStatistic(_ j: Int) -> Double {
        let sigma2 = residualSumOfSquares / Double(observations - rank)
        return coefficients[j] / (sigma2 * unscaledCovariance[j, j]).squareRoot()
    }
}

import CLapack
import Foundation

/// An ordinary least-squares fit with statsmodels' `OLS(...).fit()` solution (its default
/// `pinv` method, computed here through a QR and the SVD of R): coefficients pinv(X)·y, unscaled covariance V·S⁻²·Vᵀ = pinv·pinvᵀ,
/// rank by NumPy's `matrix_rank` cutoff.
struct OrdinaryLeastSquares {
    let coefficients: [Double]
    let residualSumOfSquares: Double
    /// Σ(y − ȳ)², for the centred R² of regressions with a constant.
    let centredTotalSumOfSquares: Double
    let rank: Int
    let observations: Int
    /// Singular values and right singular vectors, kept for the covariance.
    let singularValues: [Double]
    let rightVectors: Matrix
    let pinvCutoff: Double

    init(design x: Matrix, response y: [Double]) throws {
        let p = x.columns, n = x.rows
        guard n >= p, p > 0 else {
            throw QuantError(.insufficientData, "too few observations: \(n) rows for a regression on \(p) columns")
        }
        try x.requireFinite("the design matrix")
        // X = QR (Householder, dgeqrf), then the SVD of the small R = U_R S Vᵀ: X's singular values
        // and right vectors are R's, and Uᵀy = U_Rᵀ(Qᵀy)[0..<p]. This costs 2np² instead of a
        // tall SVD, with the same pseudo-inverse solution.
        var a = x.values
        var tau = [Double](repeating: 0, count: p)
        try LAPACKStatus.check(LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(n), Int32(p), &a, Int32(p), &tau), "dgeqrf")
        var qty = y
        try LAPACKStatus.check(LAPACKE_dormqr(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), Int32(n), 1, Int32(p),
                                              a, Int32(p), tau, &qty, 1), "dormqr")
        var r = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in i..<p { r[i * p + j] = a[i * p + j] } }
        let (u, s, vt) = try Matrix(rows: p, columns: p, values: r).singularValueDecomposition()
        let smax = s.max() ?? 0
        let rankCutoff = smax * Double(max(n, p)) * Double.ulpOfOne
        pinvCutoff = 1e-15 * smax
        rank = s.filter { $0 > rankCutoff }.count
        var beta = [Double](repeating: 0, count: p)
        for j in 0..<p where s[j] > pinvCutoff {
            var c = 0.0
            for i in 0..<p { c += u[i, j] * qty[i] }
            c /= s[j]
            for k in 0..<p { beta[k] += vt[j, k] * c }
        }
        coefficients = beta
        var fitted = [Double](repeating: 0, count: n)
        cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(p), 1, x.values, Int32(p), beta, 1, 0, &fitted, 1)
        var ssr = 0.0
        for i in 0..<n { ssr += (y[i] - fitted[i]) * (y[i] - fitted[i]) }
        residualSumOfSquares = ssr
        let m = HypothesisTests.mean(y)
        centredTotalSumOfSquares = HypothesisTests.sumOfSquares(y, mean: m)
        observations = n
        singularValues = s
        rightVectors = vt
    }

    /// Gaussian log-likelihood at the fitted coefficients (σ² = SSR/n).
    var logLikelihood: Double {
        let n = Double(observations)
        return -n / 2 * (log(2 * Double.pi) + log(residualSumOfSquares / n) + 1)
    }

    /// statsmodels' AIC and BIC, counting the rank as the number of mean parameters.
    var akaike: Double { -2 * logLikelihood + 2 * Double(rank) }
    var bayesian: Double { -2 * logLikelihood + log(Double(observations)) * Double(rank) }

    /// [(XᵀX)⁻¹]ⱼⱼ = Σᵢ V²ⱼᵢ/s²ᵢ over the singular values kept by the pseudo-inverse.
    func unscaledVariance(_ j: Int) -> Double {
        var v = 0.0
        for i in 0..<singularValues.count where singularValues[i] > pinvCutoff {
            let w = rightVectors[i, j] / singularValues[i]
            v += w * w
        }
        return v
    }

    /// The t statistic of coefficient j, with σ² = SSR/(n − rank).
    func tStatistic(_ j: Int) -> Double {
        let sigma2 = residualSumOfSquares / Double(observations - rank)
        return coefficients[j] / (sigma2 * unscaledVariance(j)).squareRoot()
    }
}

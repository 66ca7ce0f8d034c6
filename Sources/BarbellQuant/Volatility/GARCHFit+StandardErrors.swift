import Foundation

extension GARCHFit {
    /// How parameter covariances are estimated.
    public enum CovarianceKind: String, Sendable, CaseIterable {
        /// Bollerslev-Wooldridge sandwich H⁻¹ S H⁻¹ / n: robust to non-normal innovations
        /// (`arch`'s default `cov_type="robust"`).
        case robust
        /// The inverse information, H⁻¹ / n (`cov_type="classic"`).
        case classic
    }

    /// The parameter covariance matrix, computed as `arch` (through statsmodels) computes it:
    /// H is the Hessian of the average negative log-likelihood by statsmodels' `approx_hess3`
    /// (four-point differences with steps ε^¼·max(|θᵢ|, 0.1)); S is the sample covariance
    /// (n − 1 denominator) of the per-observation scores by forward differences with steps
    /// ε^½·max(|θᵢ|, 0.1). The likelihood keeps the fit's backcast and variance bounds.
    ///
    /// - Throws: `singularMatrix` when the Hessian cannot be inverted (a parameter on a flat
    ///   ridge); `invalidArgument` if the fit's data no longer build a likelihood.
    public func covariance(_ kind: CovarianceKind = .robust) throws -> Matrix {
        let likelihood = try GARCHLikelihood(model: model, returns: returns)
        let k = parameters.count
        let n = Double(observations)
        let epsilon = Double.ulpOfOne
        let h = parameters.map { pow(epsilon, 0.25) * max(abs($0), 0.1) }
        func negative(_ x: [Double]) -> Double { -x.withUnsafeBufferPointer { likelihood.logLikelihood($0) } }
        var hessian = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in i..<k {
                func shifted(_ si: Double, _ sj: Double) -> [Double] {
                    var x = parameters
                    x[i] += si * h[i]
                    x[j] += sj * h[j]
                    return x
                }
                let value = (negative(shifted(1, 1)) - negative(shifted(1, -1))
                    - (negative(shifted(-1, 1)) - negative(shifted(-1, -1)))) / (4 * h[i] * h[j])
                hessian[i * k + j] = value / n
                hessian[j * k + i] = value / n
            }
        }
        let inverse = try Matrix(rows: k, columns: k, values: hessian).solve(Matrix.identity(k))
        switch kind {
        case .classic:
            return try Matrix(rows: k, columns: k, values: inverse.values.map { $0 / n })
        case .robust:
            let base = parameters.withUnsafeBufferPointer { likelihood.logLikelihoods($0) }
            var scores = [[Double]](repeating: [], count: k)
            for i in 0..<k {
                let step = epsilon.squareRoot() * max(abs(parameters[i]), 0.1)
                var x = parameters
                x[i] += step
                let moved = x.withUnsafeBufferPointer { likelihood.logLikelihoods($0) }
                scores[i] = zip(moved, base).map { -($0 - $1) / step }
            }
            let means = scores.map { $0.reduce(0, +) / n }
            var outer = [Double](repeating: 0, count: k * k)
            for i in 0..<k {
                for j in i..<k {
                    var sum = 0.0
                    for t in 0..<observations { sum += (scores[i][t] - means[i]) * (scores[j][t] - means[j]) }
                    outer[i * k + j] = sum / (n - 1)
                    outer[j * k + i] = outer[i * k + j]
                }
            }
            let sandwich = try inverse.multiplied(by: Matrix(rows: k, columns: k, values: outer)).multiplied(by: inverse)
            return try Matrix(rows: k, columns: k, values: sandwich.values.map { $0 / n })
        }
    }

    /// Standard errors: square roots of the ``covariance(_:)`` diagonal (NaN where it is negative,
    /// i.e. the likelihood is not locally concave in that direction, as `arch` reports).
    public func standardErrors(_ kind: CovarianceKind = .robust) throws -> [Double] {
        let c = try covariance(kind)
        return (0..<c.rows).map { c[$0, $0] >= 0 ? c[$0, $0].squareRoot() : .nan }
    }
}

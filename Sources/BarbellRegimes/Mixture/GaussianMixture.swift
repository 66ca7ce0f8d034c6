import BarbellQuant

/// A Gaussian mixture model (scikit-learn's `GaussianMixture`): regimes as clusters of
/// observations, without the time dependence of a ``GaussianHMM``.
///
/// Observations are rows of `dimension` features. The parameters are one weight, one mean and one
/// covariance per component, the covariance always stored as a full `dimension × dimension` matrix
/// (zero off the diagonal for ``HMMCovarianceType/diag``, a multiple of the identity for
/// ``HMMCovarianceType/spherical``, the same matrix for every component for ``HMMCovarianceType/tied``).
public struct GaussianMixture: Sendable, Equatable {
    /// The covariance parameterisation (shared with ``GaussianHMM``).
    public let covarianceType: HMMCovarianceType
    /// Mixing weight of each component (sums to 1).
    public let weights: [Double]
    /// Mean of each component, `componentCount × dimension`.
    public let means: [[Double]]
    /// Covariance of each component as a full matrix, `componentCount × dimension × dimension`.
    public let covariances: [[[Double]]]

    /// Number of mixture components.
    public var componentCount: Int { weights.count }
    /// Number of features per observation.
    public var dimension: Int { means.first?.count ?? 0 }

    /// Validates and stores the parameters.
    ///
    /// - Throws: `RegimeError` `.shapeMismatch` for inconsistent shapes, `.nonFinite` for NaN or
    ///   infinity, `.invalidArgument` for weights that are negative or do not sum to 1 (tolerance
    ///   1e-8, scikit-learn's), covariances that are not symmetric, not of the declared type, or
    ///   not positive definite.
    public init(covarianceType: HMMCovarianceType, weights: [Double], means: [[Double]], covariances: [[[Double]]]) throws {
        let k = weights.count
        guard k >= 1 else { throw RegimeError(.invalidArgument, "weights: expected at least one component") }
        guard means.count == k, let d = means.first?.count, d >= 1, means.allSatisfy({ $0.count == d }) else {
            throw RegimeError(.shapeMismatch, "means: expected \(k) rows of equal, non-zero length")
        }
        guard covariances.count == k, covariances.allSatisfy({ $0.count == d && $0.allSatisfy { $0.count == d } }) else {
            throw RegimeError(.shapeMismatch, "covariances: expected \(k) matrices of \(d) × \(d)")
        }
        for (i, w) in weights.enumerated() {
            guard w.isFinite else { throw RegimeError(.nonFinite, "weights[\(i)]: expected a finite value") }
            guard w >= 0 else { throw RegimeError(.invalidArgument, "weights[\(i)] = \(w): expected a weight ≥ 0") }
        }
        let sum = weights.reduce(0, +)
        guard abs(sum - 1) <= 1e-8 else { throw RegimeError(.invalidArgument, "weights: sum to \(sum), expected 1") }
        for (i, row) in means.enumerated() where !row.allSatisfy(\.isFinite) {
            throw RegimeError(.nonFinite, "means row \(i): expected finite values")
        }
        for (s, c) in covariances.enumerated() {
            for i in 0..<d {
                for j in 0..<d {
                    guard c[i][j].isFinite else { throw RegimeError(.nonFinite, "covariances[\(s)][\(i)][\(j)]: expected a finite value") }
                    guard abs(c[i][j] - c[j][i]) <= 1e-12 * max(abs(c[i][j]), 1) else {
                        throw RegimeError(.invalidArgument, "covariances[\(s)]: expected a symmetric matrix")
                    }
                    if (covarianceType == .diag || covarianceType == .spherical) && i != j && c[i][j] != 0 {
                        throw RegimeError(.invalidArgument, "covariances[\(s)][\(i)][\(j)]: expected 0 off the diagonal for \(covarianceType.rawValue) covariance")
                    }
                }
                if covarianceType == .spherical && c[i][i] != c[0][0] {
                    throw RegimeError(.invalidArgument, "covariances[\(s)]: expected equal diagonal entries for spherical covariance")
                }
            }
            if covarianceType == .tied && c != covariances[0] {
                throw RegimeError(.invalidArgument, "covariances[\(s)]: expected the same matrix for every component with tied covariance")
            }
            guard choleskyLower(c.flatMap { $0 }, d) != nil else {
                throw RegimeError(.invalidArgument, "covariances[\(s)]: expected a positive-definite matrix")
            }
        }
        self.covarianceType = covarianceType
        self.weights = weights
        self.means = means
        self.covariances = covariances
    }

    /// Number of free parameters, counted as scikit-learn's `_n_parameters` for AIC and BIC:
    /// `K − 1` weights, `K·d` means and `K` (spherical), `K·d` (diag), `K·d(d + 1)/2` (full) or
    /// `d(d + 1)/2` (tied) covariance parameters.
    public var parameterCount: Int {
        let k = componentCount, d = dimension
        let cov: Int
        switch covarianceType {
        case .spherical: cov = k
        case .diag: cov = k * d
        case .full: cov = k * d * (d + 1) / 2
        case .tied: cov = d * (d + 1) / 2
        }
        return (k - 1) + k * d + cov
    }
}

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
        try covarianceType.check(covariances, dimension: d, field: "covariances", unit: "component")
        self.covarianceType = covarianceType
        self.weights = weights
        self.means = means
        self.covariances = covariances
    }

    /// Number of free parameters, counted as scikit-learn's `_n_parameters` for AIC and BIC:
    /// `K − 1` weights, `K·d` means and `K` (spherical), `K·d` (diag), `K·d(d + 1)/2` (full) or
    /// `d(d + 1)/2` (tied) covariance parameters.
    public var parameterCount: Int {
        let k = componentCount
        return (k - 1) + k * dimension + covarianceType.parameterCount(states: k, dimension: dimension)
    }
}

import BarbellQuant

/// How the covariance of each state of a ``GaussianHMM`` is parameterised.
public enum HMMCovarianceType: String, Sendable, CaseIterable, Codable {
    /// An unrestricted symmetric positive-definite matrix per state.
    case full
    /// A diagonal matrix per state (independent features).
    case diag
    /// One variance per state shared by every feature.
    case spherical
    /// One unrestricted covariance matrix shared by every state.
    case tied
}

/// A hidden Markov model with Gaussian emissions (hmmlearn's `GaussianHMM`).
///
/// Observations are rows (time) of `dimension` features. The parameters are the start
/// probabilities, the row-stochastic transition matrix, one mean per state and one covariance per
/// state, always stored as a full `dimension × dimension` matrix (zero off the diagonal for
/// ``HMMCovarianceType/diag``, a multiple of the identity for ``HMMCovarianceType/spherical``,
/// the same matrix for every state for ``HMMCovarianceType/tied``).
public struct GaussianHMM: Sendable, Equatable {
    /// The covariance parameterisation.
    public let covarianceType: HMMCovarianceType
    /// Probability of each state at the first observation (sums to 1).
    public let startProbabilities: [Double]
    /// `transitionMatrix[i][j]` = P(state j at t+1 | state i at t); rows sum to 1.
    public let transitionMatrix: [[Double]]
    /// Mean of each state's emission, `stateCount × dimension`.
    public let means: [[Double]]
    /// Covariance of each state's emission as a full matrix, `stateCount × dimension × dimension`.
    public let covariances: [[[Double]]]

    /// Number of hidden states.
    public var stateCount: Int { startProbabilities.count }
    /// Number of features per observation.
    public var dimension: Int { means.first?.count ?? 0 }

    /// Validates and stores the parameters.
    ///
    /// - Throws: `RegimeError` `.shapeMismatch` for inconsistent shapes, `.nonFinite` for NaN or
    ///   infinity, `.invalidArgument` for probabilities that are negative or do not sum to 1
    ///   (tolerance 1e-8, hmmlearn's), covariances that are not symmetric, not of the declared
    ///   type, or not positive definite.
    public init(covarianceType: HMMCovarianceType, startProbabilities: [Double], transitionMatrix: [[Double]],
                means: [[Double]], covariances: [[[Double]]]) throws {
        let k = startProbabilities.count
        guard k >= 1 else { throw RegimeError(.invalidArgument, "startProbabilities: expected at least one state") }
        guard transitionMatrix.count == k, transitionMatrix.allSatisfy({ $0.count == k }) else {
            throw RegimeError(.shapeMismatch, "transitionMatrix: expected \(k) × \(k) for \(k) states")
        }
        guard means.count == k, let d = means.first?.count, d >= 1, means.allSatisfy({ $0.count == d }) else {
            throw RegimeError(.shapeMismatch, "means: expected \(k) rows of equal, non-zero length")
        }
        guard covariances.count == k, covariances.allSatisfy({ $0.count == d && $0.allSatisfy { $0.count == d } }) else {
            throw RegimeError(.shapeMismatch, "covariances: expected \(k) matrices of \(d) × \(d)")
        }
        try Self.checkDistribution(startProbabilities, "startProbabilities")
        for (i, row) in transitionMatrix.enumerated() { try Self.checkDistribution(row, "transitionMatrix row \(i)") }
        for (i, row) in means.enumerated() where !row.allSatisfy(\.isFinite) {
            throw RegimeError(.nonFinite, "means row \(i): expected finite values")
        }
        try covarianceType.check(covariances, dimension: d, field: "covariances", unit: "state")
        self.covarianceType = covarianceType
        self.startProbabilities = startProbabilities
        self.transitionMatrix = transitionMatrix
        self.means = means
        self.covariances = covariances
    }

    /// Number of free parameters, counted as hmmlearn does for AIC and BIC: `K − 1` start
    /// probabilities, `K(K − 1)` transitions, `K·d` means and `K` (spherical), `K·d` (diag) or
    /// `K·d(d + 1)/2` (full) or `d(d + 1)/2` (tied) covariance parameters.
    public var parameterCount: Int {
        let k = stateCount
        return (k - 1) + k * (k - 1) + k * dimension + covarianceType.parameterCount(states: k, dimension: dimension)
    }

    private static func checkDistribution(_ p: [Double], _ field: String) throws {
        for (i, x) in p.enumerated() {
            guard x.isFinite else { throw RegimeError(.nonFinite, "\(field)[\(i)]: expected a finite probability") }
            guard x >= 0 else { throw RegimeError(.invalidArgument, "\(field)[\(i)] = \(x): expected a probability ≥ 0") }
        }
        let sum = p.reduce(0, +)
        guard abs(sum - 1) <= 1e-8 else {
            throw RegimeError(.invalidArgument, "\(field): probabilities sum to \(sum), expected 1")
        }
    }
}

/// Lower Cholesky factor of a row-major `d × d` matrix, or nil when it is not positive definite.
func choleskyLower(_ a: [Double], _ d: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: d * d)
    for j in 0..<d {
        var s = a[j * d + j]
        for k in 0..<j { s -= l[j * d + k] * l[j * d + k] }
        guard s > 0, s.isFinite else { return nil }
        let ljj = s.squareRoot()
        l[j * d + j] = ljj
        for i in (j + 1)..<d {
            var t = a[i * d + j]
            for k in 0..<j { t -= l[i * d + k] * l[j * d + k] }
            l[i * d + j] = t / ljj
        }
    }
    return l
}

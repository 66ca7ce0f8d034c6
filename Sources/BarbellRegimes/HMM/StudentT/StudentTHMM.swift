import BarbellQuant
import Foundation

/// A hidden Markov model with multivariate Student-t emissions, for returns with fat tails.
///
/// State `k` emits `x ~ t_ν(μ_k, Σ_k)`, the multivariate t with location `μ_k`, scale matrix
/// `Σ_k` and `ν_k` degrees of freedom: a Gaussian `N(μ_k, Σ_k / w)` whose precision weight
/// `w ~ Gamma(ν_k/2, rate ν_k/2)` is drawn afresh for every observation, so a single large move
/// is explained by a small weight rather than by a switch to a high-variance state. Its
/// covariance is `ν_k/(ν_k − 2) Σ_k`, finite because `ν_k > 2` is required.
///
/// The chain (start probabilities, transitions) and the scales follow ``GaussianHMM``'s
/// conventions: scales are stored as full `dimension × dimension` matrices whatever the
/// ``HMMCovarianceType`` (zero off the diagonal for diag, a multiple of the identity for
/// spherical, one matrix for every state when tied).
public struct StudentTHMM: Sendable, Equatable {
    /// The parameterisation of the scale matrices.
    public let covarianceType: HMMCovarianceType
    /// Probability of each state at the first observation (sums to 1).
    public let startProbabilities: [Double]
    /// `transitionMatrix[i][j]` = P(state j at t+1 | state i at t); rows sum to 1.
    public let transitionMatrix: [[Double]]
    /// Location (and mean, as ν > 2) of each state's emission, `stateCount × dimension`.
    public let means: [[Double]]
    /// Scale matrix `Σ_k` of each state, `stateCount × dimension × dimension` (not the
    /// covariance: see ``covariances``).
    public let scales: [[[Double]]]
    /// Degrees of freedom `ν_k > 2` of each state.
    public let degreesOfFreedom: [Double]

    /// Number of hidden states.
    public var stateCount: Int { startProbabilities.count }
    /// Number of features per observation.
    public var dimension: Int { means.first?.count ?? 0 }

    /// Covariance of each state's emission, `ν_k/(ν_k − 2) Σ_k`.
    public var covariances: [[[Double]]] {
        zip(scales, degreesOfFreedom).map { s, nu in s.map { $0.map { $0 * nu / (nu - 2) } } }
    }

    /// Validates and stores the parameters.
    ///
    /// The chain, means and scales are checked by ``GaussianHMM``'s rules (the scales where it
    /// checks covariances).
    /// - Throws: `RegimeError` `.shapeMismatch` for inconsistent shapes (including a
    ///   `degreesOfFreedom` count other than the state count), `.nonFinite` for NaN or infinity
    ///   (ν = ∞, the Gaussian limit, included: use ``GaussianHMM``), `.invalidArgument` for
    ///   probabilities that are negative or do not sum to 1, scales that are not symmetric, not of
    ///   the declared type or not positive definite, and ν ≤ 2 (infinite variance).
    public init(covarianceType: HMMCovarianceType, startProbabilities: [Double], transitionMatrix: [[Double]],
                means: [[Double]], scales: [[[Double]]], degreesOfFreedom: [Double]) throws {
        do {
            _ = try GaussianHMM(covarianceType: covarianceType, startProbabilities: startProbabilities,
                                transitionMatrix: transitionMatrix, means: means, covariances: scales)
        } catch let e as QuantError {
            // Same checks, but the message should name this model's field.
            throw RegimeError(e.code, e.message.replacingOccurrences(of: "covariances", with: "scales")
                .replacingOccurrences(of: "covariance", with: "scale"))
        }
        guard degreesOfFreedom.count == startProbabilities.count else {
            throw RegimeError(.shapeMismatch, "degreesOfFreedom: \(degreesOfFreedom.count) values, expected one per state (\(startProbabilities.count))")
        }
        for (k, nu) in degreesOfFreedom.enumerated() {
            guard nu.isFinite else { throw RegimeError(.nonFinite, "degreesOfFreedom[\(k)] = \(nu): expected a finite value") }
            guard nu > 2 else { throw RegimeError(.invalidArgument, "degreesOfFreedom[\(k)] = \(nu): expected > 2 (finite variance)") }
        }
        self.covarianceType = covarianceType
        self.startProbabilities = startProbabilities
        self.transitionMatrix = transitionMatrix
        self.means = means
        self.scales = scales
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Number of free parameters for AIC and BIC: ``GaussianHMM/parameterCount`` of the same
    /// shape (start, transitions, means, scales) plus one ν per state (counted even when a fit
    /// held ν fixed, which makes the criteria slightly conservative then).
    public var parameterCount: Int {
        let k = stateCount
        return (k - 1) + k * (k - 1) + k * dimension + covarianceType.parameterCount(states: k, dimension: dimension) + k
    }
}

import BarbellRegimes

/// The model families `barbell regime fit` trains.
enum RegimeModelKind: String, CaseIterable {
    /// Gaussian hidden Markov model (hmmlearn's `GaussianHMM`).
    case hmm
    /// Hidden Markov model with multivariate Student-t emissions (fat tails).
    case studentT = "student-t"
    /// Gaussian mixture: regimes as clusters, without time dependence.
    case gmm
}

/// A fitted regime model of any family, with what the commands print of it.
enum FittedRegimeModel {
    case gaussian(HMMFit)
    case studentT(StudentTHMMFit)
    case mixture(GaussianMixtureFit)

    var kind: RegimeModelKind {
        switch self {
        case .gaussian: .hmm
        case .studentT: .studentT
        case .mixture: .gmm
        }
    }

    var stateCount: Int { means.count }

    var logLikelihood: Double {
        switch self {
        case .gaussian(let f): f.logLikelihood
        case .studentT(let f): f.logLikelihood
        case .mixture(let f): f.logLikelihood
        }
    }

    var iterations: Int {
        switch self {
        case .gaussian(let f): f.logLikelihoodHistory.count
        case .studentT(let f): f.logLikelihoodHistory.count
        case .mixture(let f): f.lowerBoundHistory.count
        }
    }

    var converged: Bool {
        switch self {
        case .gaussian(let f): f.converged
        case .studentT(let f): f.converged
        case .mixture(let f): f.converged
        }
    }

    var covarianceType: HMMCovarianceType {
        switch self {
        case .gaussian(let f): f.model.covarianceType
        case .studentT(let f): f.model.covarianceType
        case .mixture(let f): f.model.covarianceType
        }
    }

    var means: [[Double]] {
        switch self {
        case .gaussian(let f): f.model.means
        case .studentT(let f): f.model.means
        case .mixture(let f): f.model.means
        }
    }

    /// Emission covariances (for Student-t, `ν/(ν−2)` times the scale matrix).
    var covariances: [[[Double]]] {
        switch self {
        case .gaussian(let f): f.model.covariances
        case .studentT(let f): f.model.covariances
        case .mixture(let f): f.model.covariances
        }
    }

    /// Transition matrix; nil for a mixture (no time dependence).
    var transitionMatrix: [[Double]]? {
        switch self {
        case .gaussian(let f): f.model.transitionMatrix
        case .studentT(let f): f.model.transitionMatrix
        case .mixture: nil
        }
    }

    /// Start probabilities of an HMM, or the mixture weights.
    var startProbabilities: [Double] {
        switch self {
        case .gaussian(let f): f.model.startProbabilities
        case .studentT(let f): f.model.startProbabilities
        case .mixture(let f): f.model.weights
        }
    }

    /// Degrees of freedom per state (Student-t only).
    var degreesOfFreedom: [Double]? {
        if case .studentT(let f) = self { return f.model.degreesOfFreedom }
        return nil
    }

    var parameterCount: Int {
        switch self {
        case .gaussian(let f): f.model.parameterCount
        case .studentT(let f): f.model.parameterCount
        case .mixture(let f): f.model.parameterCount
        }
    }

    /// States (or components) EM had to floor after a collapse, as (iteration, state, why):
    /// reported so a degenerate fit is visible, never returned as NaN.
    var floors: [(iteration: Int, state: Int, reason: String)] {
        switch self {
        case .gaussian(let f): f.flooredStates.map { ($0.iteration, $0.state, "variance floor") }
        case .studentT(let f): f.flooredStates.map { ($0.iteration, $0.state, "variance floor") }
        case .mixture(let f): f.flooredComponents.map { ($0.iteration, $0.component, $0.reason == .noMass ? "no mass" : "variance floor") }
        }
    }

    /// The Gaussian HMM, which the regime ensemble reads.
    var gaussianHMM: GaussianHMM? {
        if case .gaussian(let f) = self { return f.model }
        return nil
    }

    /// Most likely state of each bar: the Viterbi path of an HMM, the most responsible component
    /// of a mixture.
    func path(_ x: [[Double]]) throws -> [Int] {
        switch self {
        case .gaussian(let f): try f.model.viterbi(x).path
        case .studentT(let f): try f.model.viterbi(x).path
        case .mixture(let f): try f.model.predict(x)
        }
    }

    /// Per-bar state probabilities: smoothed posteriors of an HMM, responsibilities of a mixture.
    func posteriors(_ x: [[Double]]) throws -> [[Double]] {
        switch self {
        case .gaussian(let f): try f.model.posteriors(x)
        case .studentT(let f): try f.model.posteriors(x)
        case .mixture(let f): try f.model.responsibilities(x)
        }
    }

    func bic(_ x: [[Double]]) throws -> Double {
        switch self {
        case .gaussian(let f): try f.model.bic(x)
        case .studentT(let f): try f.model.bic(x)
        case .mixture(let f): try f.model.bic(x)
        }
    }

    func aic(_ x: [[Double]]) throws -> Double {
        switch self {
        case .gaussian(let f): try f.model.aic(x)
        case .studentT(let f): try f.model.aic(x)
        case .mixture(let f): try f.model.aic(x)
        }
    }
}

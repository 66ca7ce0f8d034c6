import BarbellData
import BarbellRegimes
import Foundation

/// The regime pipeline the `regime` commands and the demo share: observations from returns,
/// a seeded multi-restart Gaussian HMM, a label per state, and the ensemble's reading.
struct RegimeAnalysis {
    /// Which observation columns the HMM sees.
    enum Feature: String, CaseIterable {
        /// The simple return, in percent.
        case returns
        /// The 21-bar realised volatility of returns (annualised, percent), from past bars only.
        case volatility
    }

    /// Where EM starts instead of the seeded restarts (`--init`).
    enum Start {
        case gaussian(GaussianHMM)
        case studentT(StudentTHMM)
    }

    var returns: [Double]
    var observations: [[Double]]
    var fit: FittedRegimeModel
    var labels: [RegimeLabel]
    var statistics: [RegimeStateStatistics]
    var path: [Int]
    /// Every candidate number of states and its scores, when a range was searched.
    var selection: [StateCountCandidate]?
    let seed: UInt64

    /// Builds observations (the first 21 returns are dropped when volatility is a feature, so
    /// every row is complete), fits a `kind` model with `restarts` seeded restarts for each number
    /// of states in `states` (the one `criterion` prefers is kept) and labels its states.
    init(returns all: [Double], features: [Feature], states: ClosedRange<Int>, covariance: HMMCovarianceType, restarts: Int, seed: UInt64,
         kind: RegimeModelKind = .hmm, criterion: InformationCriterion = .bic, initial: Start? = nil) throws {
        let window = 21
        let skip = features.contains(.volatility) ? window : 0
        guard all.count > skip + 10 * states.upperBound else {
            throw RegimeError(.insufficientData, "\(all.count) returns; \(states.upperBound) states need at least \(skip + 10 * states.upperBound + 1)")
        }
        self.seed = seed
        returns = Array(all[skip...])
        observations = (skip..<all.count).map { t in
            features.map { feature -> Double in
                switch feature {
                case .returns: return all[t] * 100
                case .volatility:
                    let past = all[(t - window)..<t]
                    let mean = past.reduce(0, +) / Double(window)
                    let variance = past.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(window - 1)
                    return (variance * 252).squareRoot() * 100
                }
            }
        }
        (fit, selection) = try Self.train(observations, kind: kind, states: states, covariance: covariance, restarts: restarts,
                                          seed: seed, criterion: criterion, initial: initial)
        path = try fit.path(observations)
        statistics = try RegimeStateStatistics.compute(returns: returns, path: path, states: fit.stateCount)
        if let transitions = fit.transitionMatrix {
            labels = try RegimeLabeller.label(statistics, transitionMatrix: transitions).labels
        } else {
            labels = try RegimeEnsemble.mixtureComponentLabels(returns: returns, responsibilities: try fit.posteriors(observations))
        }
    }

    /// EM to a tight tolerance (1e-4 on the log-likelihood; 1e-6 on the mixture's per-row bound).
    private static func train(_ x: [[Double]], kind: RegimeModelKind, states: ClosedRange<Int>, covariance: HMMCovarianceType,
                              restarts: Int, seed: UInt64, criterion: InformationCriterion,
                              initial: Start?) throws -> (FittedRegimeModel, [StateCountCandidate]?) {
        let hmmOptions = HMMFitOptions(maxIterations: 300, tolerance: 1e-4)
        let tOptions = StudentTHMMFitOptions(maxIterations: 300, tolerance: 1e-4)
        let mixtureOptions = GaussianMixtureFitOptions(maxIterations: 300, tolerance: 1e-6)
        switch initial {
        case .gaussian(let m): return (.gaussian(try m.fitted(to: x, options: hmmOptions)), nil)
        case .studentT(let m): return (.studentT(try m.fitted(to: x, options: tOptions)), nil)
        case nil: break
        }
        let searched = states.count > 1
        switch kind {
        case .hmm:
            let s = try GaussianHMM.selectStates(x, candidates: states, covarianceType: covariance, criterion: criterion,
                                                 restarts: restarts, seed: seed, options: hmmOptions)
            return (.gaussian(s.fit), searched ? s.candidates : nil)
        case .studentT:
            let s = try StudentTHMM.selectStates(x, candidates: states, covarianceType: covariance, criterion: criterion,
                                                 restarts: restarts, seed: seed, options: tOptions)
            return (.studentT(s.fit), searched ? s.candidates : nil)
        case .gmm:
            let s = try GaussianMixture.selectComponents(x, candidates: states, covarianceType: covariance, criterion: criterion,
                                                         restarts: restarts, seed: seed, options: mixtureOptions)
            return (.mixture(s.fit), searched ? s.candidates : nil)
        }
    }

    /// The regime ensemble's reading (the Gaussian HMM's posterior, the mixture fitted with the
    /// same seed, the volatility and trend votes).
    func ensemble() throws -> RegimeEnsembleResult {
        guard let hmm = fit.gaussianHMM else {
            throw RegimeError(.invalidArgument, "the regime ensemble reads a Gaussian HMM, not a \(fit.kind.rawValue) model")
        }
        return try RegimeEnsemble.evaluate(returns: returns, observations: observations, model: hmm, stateLabels: labels, seed: seed)
    }
}

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

    var returns: [Double]
    var observations: [[Double]]
    var fit: HMMFit
    var labels: [RegimeLabel]
    var statistics: [RegimeStateStatistics]
    var path: [Int]

    /// Builds observations (the first 21 returns are dropped when volatility is a feature, so
    /// every row is complete), fits `states` states with `restarts` seeded restarts and labels them.
    init(returns all: [Double], features: [Feature], states: Int, covariance: HMMCovarianceType, restarts: Int, seed: UInt64,
         initial: GaussianHMM? = nil) throws {
        let window = 21
        let skip = features.contains(.volatility) ? window : 0
        guard all.count > skip + 10 * states else {
            throw RegimeError(.insufficientData, "\(all.count) returns; \(states) states need at least \(skip + 10 * states + 1)")
        }
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
        var options = HMMFitOptions()
        options.maxIterations = 300
        options.tolerance = 1e-4
        if let initial {
            fit = try initial.fitted(to: observations, options: options)
        } else {
            fit = try GaussianHMM.fit(observations, states: states, covarianceType: covariance, restarts: restarts, seed: seed, options: options)
        }
        path = try fit.model.viterbi(observations).path
        statistics = try RegimeStateStatistics.compute(returns: returns, path: path, states: fit.model.stateCount)
        labels = try RegimeLabeller.label(statistics, transitionMatrix: fit.model.transitionMatrix).labels
    }

    func ensemble() throws -> RegimeEnsembleResult {
        try RegimeEnsemble.evaluate(returns: returns, observations: observations, model: fit.model, stateLabels: labels)
    }
}

import BarbellQuant
import Foundation

extension GaussianHMM {
    /// Log-likelihood of the observations (rows = time) under the model (hmmlearn `score`).
    /// - Throws: `.insufficientData` (no rows), `.shapeMismatch` (wrong feature count),
    ///   `.nonFinite` (NaN or infinity in the data, or an observation impossible under the model).
    public func score(_ observations: [[Double]]) throws -> Double {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        return try HMMKernel(self).filter(x).logLikelihood
    }

    /// Smoothed state probabilities P(state at t | all observations), one row per observation
    /// (hmmlearn `predict_proba`).
    public func posteriors(_ observations: [[Double]]) throws -> [[Double]] {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        return rows(try HMMKernel(self).posteriors(x).posteriors, stateCount)
    }

    /// Filtered state probabilities P(state at t | observations up to t), one row per
    /// observation: what ``HMMOnlineFilter`` returns bar by bar.
    public func filteredProbabilities(_ observations: [[Double]]) throws -> [[Double]] {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        return rows(try HMMKernel(self).filter(x).probabilities, stateCount)
    }

    /// Most likely state path (Viterbi, in log space) and its joint log-probability
    /// (hmmlearn `predict` / `decode`). Ties go to the lowest state index, as `argmax` does.
    public func viterbi(_ observations: [[Double]]) throws -> (path: [Int], logProbability: Double) {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        let kernel = HMMKernel(self)
        return try kernel.chain.viterbi(kernel.logDensities(x), n: x.count)
    }

    /// Akaike information criterion `−2 log L + 2p` with ``parameterCount`` (hmmlearn `aic`).
    public func aic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + 2 * Double(parameterCount)
    }

    /// Bayesian information criterion `−2 log L + p log n` (hmmlearn `bic`).
    public func bic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + Double(parameterCount) * log(Double(observations.count))
    }
}

func rows(_ flat: [Double], _ k: Int) -> [[Double]] {
    stride(from: 0, to: flat.count, by: k).map { Array(flat[$0..<($0 + k)]) }
}

import BarbellQuant
import Foundation

extension StudentTHMM {
    /// Log-likelihood of the observations (rows = time) under the model.
    /// - Throws: `.insufficientData` (no rows), `.shapeMismatch` (wrong feature count),
    ///   `.nonFinite` (NaN or infinity in the data, or an observation impossible under the model).
    public func score(_ observations: [[Double]]) throws -> Double {
        try forwardPass(try HMMObservations(observations, expectedDimension: dimension)).logLikelihood
    }

    /// Smoothed state probabilities P(state at t | all observations), one row per observation.
    /// - Throws: the errors of ``score(_:)``.
    public func posteriors(_ observations: [[Double]]) throws -> [[Double]] {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        let kernel = StudentTKernel(self)
        var w = HMMWorkspace(n: x.count, k: stateCount, d: dimension)
        var delta = [Double]()
        kernel.fill(x, &w, delta: &delta)
        _ = try kernel.chain.smooth(into: &w, wantTransitions: false)
        return rows(w.gamma, stateCount)
    }

    /// Filtered state probabilities P(state at t | observations up to t), one row per
    /// observation: what ``StudentTHMMOnlineFilter`` returns bar by bar.
    /// - Throws: the errors of ``score(_:)``.
    public func filteredProbabilities(_ observations: [[Double]]) throws -> [[Double]] {
        rows(try forwardPass(try HMMObservations(observations, expectedDimension: dimension)).alpha, stateCount)
    }

    /// Most likely state path (Viterbi, in log space) and its joint log-probability. Ties go to
    /// the lowest state index.
    /// - Throws: the errors of ``score(_:)``.
    public func viterbi(_ observations: [[Double]]) throws -> (path: [Int], logProbability: Double) {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        let kernel = StudentTKernel(self)
        var w = HMMWorkspace(n: x.count, k: stateCount, d: dimension)
        var delta = [Double]()
        kernel.fill(x, &w, delta: &delta)
        return try kernel.chain.viterbi(w.b, n: x.count)
    }

    /// Akaike information criterion `−2 log L + 2p` with ``parameterCount``.
    public func aic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + 2 * Double(parameterCount)
    }

    /// Bayesian information criterion `−2 log L + p log n` with ``parameterCount``.
    public func bic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + Double(parameterCount) * log(Double(observations.count))
    }

    /// The scaled forward pass over validated observations: log-likelihood and filtered
    /// probabilities (n × k).
    func forwardPass(_ x: HMMObservations) throws -> (logLikelihood: Double, alpha: [Double]) {
        let kernel = StudentTKernel(self)
        var w = HMMWorkspace(n: x.count, k: stateCount, d: dimension)
        var delta = [Double]()
        kernel.fill(x, &w, delta: &delta)
        let filtered = try kernel.chain.filter(logDensities: w.b, n: x.count)
        return (filtered.logLikelihood, filtered.probabilities)
    }
}

import BarbellQuant
import Foundation

extension GaussianMixture {
    /// Total log-likelihood `Σ_t log Σ_k w_k N(x_t; μ_k, Σ_k)` of the observations (scikit-learn's
    /// `score` is this divided by the number of rows).
    /// - Throws: `.insufficientData` (no rows), `.shapeMismatch` (ragged rows or the wrong feature
    ///   count), `.nonFinite` (NaN or infinity in the data, or a row impossible under the model).
    public func score(_ observations: [[Double]]) throws -> Double {
        try evaluate(observations).total
    }

    /// Log-likelihood of each observation (scikit-learn `score_samples`).
    /// - Throws: the errors of ``score(_:)``.
    public func scoreSamples(_ observations: [[Double]]) throws -> [Double] {
        try evaluate(observations).rows
    }

    /// Posterior probability of each component for each observation, one row per observation
    /// (scikit-learn `predict_proba`); each row sums to 1.
    /// - Throws: the errors of ``score(_:)``.
    public func responsibilities(_ observations: [[Double]]) throws -> [[Double]] {
        rows(try evaluate(observations).resp, componentCount)
    }

    /// The most probable component of each observation (scikit-learn `predict`); ties go to the
    /// lowest index, as `argmax` does.
    /// - Throws: the errors of ``score(_:)``.
    public func predict(_ observations: [[Double]]) throws -> [Int] {
        let resp = try evaluate(observations).resp
        let k = componentCount
        return (0..<(resp.count / k)).map { t in
            var best = 0
            for s in 1..<k where resp[t * k + s] > resp[t * k + best] { best = s }
            return best
        }
    }

    /// Akaike information criterion `−2 log L + 2p` with ``parameterCount`` (scikit-learn `aic`).
    /// - Throws: the errors of ``score(_:)``.
    public func aic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + 2 * Double(parameterCount)
    }

    /// Bayesian information criterion `−2 log L + p log n` (scikit-learn `bic`).
    /// - Throws: the errors of ``score(_:)``.
    public func bic(_ observations: [[Double]]) throws -> Double {
        -2 * (try score(observations)) + Double(parameterCount) * log(Double(observations.count))
    }

    /// One E-step: responsibilities, per-row and total log-likelihood.
    private func evaluate(_ observations: [[Double]]) throws -> (resp: [Double], rows: [Double], total: Double) {
        let x = try HMMObservations(observations, expectedDimension: dimension)
        let kernel = MixtureKernel(MixtureParameters(self))
        var resp = [Double](repeating: 0, count: x.count * componentCount)
        var perRow = [Double](repeating: 0, count: x.count)
        let total = x.values.withUnsafeBufferPointer { xb in
            resp.withUnsafeMutableBufferPointer { rb in
                perRow.withUnsafeMutableBufferPointer { kernel.expectation(xb.baseAddress!, n: x.count, rb.baseAddress!, rowLogLikelihood: $0.baseAddress!) }
            }
        }
        guard total.isFinite else {
            throw RegimeError(.nonFinite, "observations: an observation has zero density under every component")
        }
        return (resp, perRow, total)
    }
}

import BarbellData
import BarbellQuant

extension GaussianHMM {
    /// hmmlearn's default starting point with seeded k-means++ means: uniform start and transition
    /// probabilities, every state's covariance the sample covariance (divisor n − 1) plus
    /// `minCovariance` on the diagonal, reduced to its diagonal (diag) or mean variance (spherical).
    /// - Throws: the errors of ``KMeans`` and `.insufficientData` / `.invalidArgument` for data
    ///   a `states`-state fit cannot identify (too few rows, a constant feature).
    public static func initial(for observations: [[Double]], states: Int, covarianceType: HMMCovarianceType,
                               seed: UInt64, minCovariance: Double = 1e-3) throws -> GaussianHMM {
        guard states >= 1 else { throw RegimeError(.invalidArgument, "states = \(states): expected ≥ 1") }
        let x = try HMMObservations(observations)
        try x.checkFittable(states: states)
        let n = x.count, d = x.dimension
        let centers = try KMeans(observations, k: states, seed: seed).centers
        var mean = [Double](repeating: 0, count: d)
        for t in 0..<n { for i in 0..<d { mean[i] += x.values[t * d + i] } }
        mean = mean.map { $0 / Double(n) }
        var cv = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for t in 0..<n {
            for i in 0..<d {
                for j in 0..<d { cv[i][j] += (x.values[t * d + i] - mean[i]) * (x.values[t * d + j] - mean[j]) }
            }
        }
        for i in 0..<d {
            for j in 0..<d { cv[i][j] /= Double(n - 1) }
            cv[i][i] += minCovariance
        }
        let cov: [[Double]]
        switch covarianceType {
        case .full, .tied: cov = cv
        case .diag: cov = (0..<d).map { i in (0..<d).map { i == $0 ? cv[i][i] : 0 } }
        case .spherical:
            let m = (0..<d).reduce(0.0) { $0 + cv[$1][$1] } / Double(d)
            cov = (0..<d).map { i in (0..<d).map { i == $0 ? m : 0 } }
        }
        let u = 1 / Double(states)
        return try GaussianHMM(covarianceType: covarianceType,
                               startProbabilities: [Double](repeating: u, count: states),
                               transitionMatrix: [[Double]](repeating: [Double](repeating: u, count: states), count: states),
                               means: centers, covariances: [[[Double]]](repeating: cov, count: states))
    }

    /// Fits `restarts` models from seeded k-means++ starts (``initial(for:states:covarianceType:seed:minCovariance:)``)
    /// and keeps the one with the highest final log-likelihood. Restart `r` uses the `r`-th output
    /// of `SplitMix64(seed)` as its seed, so the result is reproducible; a restart that fails
    /// numerically is skipped (the error of the last one is thrown when all fail).
    public static func fit(_ observations: [[Double]], states: Int, covarianceType: HMMCovarianceType,
                           restarts: Int = 5, seed: UInt64, options: HMMFitOptions = HMMFitOptions()) throws -> HMMFit {
        guard restarts >= 1 else { throw RegimeError(.invalidArgument, "restarts = \(restarts): expected ≥ 1") }
        var g = SplitMix64(seed: seed)
        var best: HMMFit?
        var lastError: Error?
        for _ in 0..<restarts {
            let s = g.next()
            do {
                let start = try initial(for: observations, states: states, covarianceType: covarianceType,
                                        seed: s, minCovariance: options.minCovariance)
                let fit = try start.fitted(to: observations, options: options)
                if best == nil || fit.logLikelihood > best!.logLikelihood { best = fit }
            } catch let e as QuantError where e.code == .nonFinite || e.code == .notPositiveDefinite {
                lastError = e
            }
        }
        guard let result = best else { throw lastError! }
        return result
    }
}

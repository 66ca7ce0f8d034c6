import BarbellData
import BarbellQuant

extension StudentTHMM {
    /// A starting point from ``GaussianHMM/initial(for:states:covarianceType:seed:minCovariance:)``
    /// (seeded k-means++ means, uniform chain, pooled sample covariance): every state gets
    /// `degreesOfFreedom` and the scale `covariance · (ν − 2)/ν`, so its emission starts with the
    /// Gaussian start's covariance.
    /// - Throws: the errors of the Gaussian start, `.invalidArgument` for ν ≤ 2, `.nonFinite`
    ///   for a non-finite ν.
    public static func initial(for observations: [[Double]], states: Int, covarianceType: HMMCovarianceType, seed: UInt64,
                               degreesOfFreedom: Double = 10, minCovariance: Double = 1e-3) throws -> StudentTHMM {
        guard degreesOfFreedom.isFinite else { throw RegimeError(.nonFinite, "degreesOfFreedom = \(degreesOfFreedom): expected a finite value") }
        guard degreesOfFreedom > 2 else { throw RegimeError(.invalidArgument, "degreesOfFreedom = \(degreesOfFreedom): expected > 2 (finite variance)") }
        let g = try GaussianHMM.initial(for: observations, states: states, covarianceType: covarianceType,
                                        seed: seed, minCovariance: minCovariance)
        let shrink = (degreesOfFreedom - 2) / degreesOfFreedom
        return try StudentTHMM(covarianceType: covarianceType, startProbabilities: g.startProbabilities,
                               transitionMatrix: g.transitionMatrix, means: g.means,
                               scales: g.covariances.map { $0.map { $0.map { $0 * shrink } } },
                               degreesOfFreedom: [Double](repeating: degreesOfFreedom, count: states))
    }

    /// Fits `restarts` models from seeded starts (``initial(for:states:covarianceType:seed:degreesOfFreedom:minCovariance:)``
    /// with ν = ``StudentTHMMFitOptions/initialDegreesOfFreedom``) by ECM and keeps the one with
    /// the highest final log-likelihood. Restart `r` uses the `r`-th output of `SplitMix64(seed)`
    /// as its seed — the seeds ``GaussianHMM/fit(_:states:covarianceType:restarts:seed:options:)``
    /// uses, so both start from the same k-means++ means. A restart that fails numerically is
    /// skipped (the error of the last one is thrown when all fail).
    /// - Throws: `.invalidArgument` for `restarts < 1`, invalid options or a constant feature,
    ///   and the observation errors of ``fitted(to:options:)``.
    public static func fit(_ observations: [[Double]], states: Int, covarianceType: HMMCovarianceType,
                           restarts: Int = 5, seed: UInt64, options: StudentTHMMFitOptions = StudentTHMMFitOptions()) throws -> StudentTHMMFit {
        guard restarts >= 1 else { throw RegimeError(.invalidArgument, "restarts = \(restarts): expected ≥ 1") }
        try options.validate()
        var g = SplitMix64(seed: seed)
        var best: StudentTHMMFit?
        var lastError: Error?
        for _ in 0..<restarts {
            let s = g.next()
            do {
                let start = try initial(for: observations, states: states, covarianceType: covarianceType, seed: s,
                                        degreesOfFreedom: options.initialDegreesOfFreedom, minCovariance: options.minCovariance)
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

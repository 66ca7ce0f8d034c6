import BarbellData
import BarbellQuant

extension GaussianMixture {
    /// scikit-learn's k-means start (`init_params="kmeans"`): seeded k-means++ ``KMeans`` labels
    /// as hard responsibilities, then one M-step — weights are the cluster shares, means the
    /// cluster means, covariances the cluster covariances plus `regularisation` on the diagonal.
    ///
    /// A cluster that k-means left empty (scikit-learn's k-means relocates such centres, ours
    /// keeps them) starts at its k-means centre with the pooled data covariance and the weight of
    /// one observation, rather than at the origin with no width.
    /// - Throws: `.invalidArgument` for `components < 1`, bad data or options (see
    ///   ``fitted(to:options:)``).
    public static func initial(for observations: [[Double]], components: Int, covarianceType: HMMCovarianceType,
                               seed: UInt64, regularisation: Double = 1e-6) throws -> GaussianMixture {
        guard components >= 1 else { throw RegimeError(.invalidArgument, "components = \(components): expected ≥ 1") }
        try GaussianMixtureFitOptions(regularisation: regularisation).validate()
        let x = try HMMObservations(observations)
        try x.checkMixtureFittable(components: components)
        return try initialParameters(x, observations, components: components, type: covarianceType, seed: seed,
                                     regularisation: regularisation).model()
    }

    static func initialParameters(_ x: HMMObservations, _ observations: [[Double]], components k: Int, type: HMMCovarianceType,
                                  seed: UInt64, regularisation: Double) throws -> MixtureParameters {
        let n = x.count, d = x.dimension
        let kmeans = try KMeans(observations, k: k, seed: seed)
        var resp = [Double](repeating: 0, count: n * k)
        var counts = [Int](repeating: 0, count: k)
        for (t, label) in kmeans.labels.enumerated() {
            resp[t * k + label] = 1
            counts[label] += 1
        }
        var floors = [MixtureComponentFloor]()
        var p = MixtureParameters.estimated(type: type, k: k, x: x, resp: resp, regularisation: regularisation,
                                            iteration: 0, floors: &floors)
        let empty = (0..<k).filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return p }
        // One component spanning all data gives the pooled covariance, reduced to the type.
        var allFloors = [MixtureComponentFloor]()
        let pooled = MixtureParameters.estimated(type: type, k: 1, x: x, resp: [Double](repeating: 1, count: n),
                                                 regularisation: regularisation, iteration: 0, floors: &allFloors)
        for s in empty {
            p.means.replaceSubrange((s * d)..<((s + 1) * d), with: kmeans.centers[s])
            if type == .tied { continue }
            p.covariances.replaceSubrange((s * d * d)..<((s + 1) * d * d), with: pooled.covariances)
            p.weights[s] = 1 / Double(n)
        }
        if type == .tied { for s in empty { p.weights[s] = 1 / Double(n) } }
        let total = p.weights.reduce(0, +)
        p.weights = p.weights.map { $0 / total }
        return p
    }

    /// Fits `restarts` mixtures from seeded k-means++ starts
    /// (``initial(for:components:covarianceType:seed:regularisation:)``) and keeps the one with
    /// the highest final log-likelihood (scikit-learn's `n_init`). Restart `r` uses the `r`-th
    /// output of `SplitMix64(seed)` as its seed, so the result is reproducible; a restart that
    /// fails numerically is skipped (the error of the last one is thrown when all fail).
    /// - Throws: the errors of ``fitted(to:options:)``, `.invalidArgument` for `components < 1`
    ///   or `restarts < 1`.
    public static func fit(_ observations: [[Double]], components: Int, covarianceType: HMMCovarianceType,
                           restarts: Int = 5, seed: UInt64,
                           options: GaussianMixtureFitOptions = GaussianMixtureFitOptions()) throws -> GaussianMixtureFit {
        guard components >= 1 else { throw RegimeError(.invalidArgument, "components = \(components): expected ≥ 1") }
        guard restarts >= 1 else { throw RegimeError(.invalidArgument, "restarts = \(restarts): expected ≥ 1") }
        try options.validate()
        let x = try HMMObservations(observations)
        try x.checkMixtureFittable(components: components)
        var g = SplitMix64(seed: seed)
        var best: GaussianMixtureFit?
        var lastError: Error?
        for _ in 0..<restarts {
            let s = g.next()
            do {
                let start = try initialParameters(x, observations, components: components, type: covarianceType, seed: s,
                                                  regularisation: options.regularisation)
                let fit = try em(from: start, x, options)
                if best == nil || fit.logLikelihood > best!.logLikelihood { best = fit }
            } catch let e as QuantError where e.code == .nonFinite || e.code == .notPositiveDefinite {
                lastError = e
            }
        }
        guard let result = best else { throw lastError! }
        return result
    }
}

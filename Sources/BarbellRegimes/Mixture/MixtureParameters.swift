import BarbellQuant

/// The parameters EM updates every iteration, as flat arrays: the public ``GaussianMixture``
/// (nested arrays, validated) is built once, at the end of a fit.
struct MixtureParameters: Sendable {
    let type: HMMCovarianceType
    let k: Int
    let d: Int
    /// `k` mixing weights.
    var weights: [Double]
    /// `k × d` means, row-major.
    var means: [Double]
    /// `k × d × d` covariances, always full matrices (see ``GaussianMixture``).
    var covariances: [Double]

    init(type: HMMCovarianceType, k: Int, d: Int, weights: [Double], means: [Double], covariances: [Double]) {
        self.type = type
        self.k = k
        self.d = d
        self.weights = weights
        self.means = means
        self.covariances = covariances
    }

    init(_ m: GaussianMixture) {
        type = m.covarianceType
        k = m.componentCount
        d = m.dimension
        weights = m.weights
        means = m.means.flatMap { $0 }
        covariances = m.covariances.flatMap { $0.flatMap { $0 } }
    }

    /// The validated public model.
    func model() throws -> GaussianMixture {
        let d = d
        let cov = (0..<k).map { s in (0..<d).map { i in Array(covariances[(s * d + i) * d..<(s * d + i) * d + d]) } }
        return try GaussianMixture(covarianceType: type, weights: weights, means: rows(means, d), covariances: cov)
    }
}

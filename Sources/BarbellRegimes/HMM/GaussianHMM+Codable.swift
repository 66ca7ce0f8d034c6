import BarbellQuant

/// JSON form of the parameters (what `--init params.json` reads): the keys `covarianceType`,
/// `startProbabilities`, `transitionMatrix`, `means` and `covariances` (full matrices).
/// Decoding runs the same validation as ``GaussianHMM/init(covarianceType:startProbabilities:transitionMatrix:means:covariances:)``,
/// so a malformed file fails with its `RegimeError`.
extension GaussianHMM: Codable {
    private enum Keys: String, CodingKey {
        case covarianceType, startProbabilities, transitionMatrix, means, covariances
    }

    /// Decodes and validates the parameters.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(covarianceType: c.decode(HMMCovarianceType.self, forKey: .covarianceType),
                      startProbabilities: c.decode([Double].self, forKey: .startProbabilities),
                      transitionMatrix: c.decode([[Double]].self, forKey: .transitionMatrix),
                      means: c.decode([[Double]].self, forKey: .means),
                      covariances: c.decode([[[Double]]].self, forKey: .covariances))
    }

    /// Encodes the parameters under the keys above.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(covarianceType, forKey: .covarianceType)
        try c.encode(startProbabilities, forKey: .startProbabilities)
        try c.encode(transitionMatrix, forKey: .transitionMatrix)
        try c.encode(means, forKey: .means)
        try c.encode(covariances, forKey: .covariances)
    }
}

import BarbellQuant

/// JSON form of the parameters: the keys `covarianceType`, `startProbabilities`,
/// `transitionMatrix`, `means`, `scales` (full matrices) and `degreesOfFreedom`. Decoding runs
/// the validation of ``StudentTHMM/init(covarianceType:startProbabilities:transitionMatrix:means:scales:degreesOfFreedom:)``,
/// so a malformed file fails with its `RegimeError`.
extension StudentTHMM: Codable {
    private enum Keys: String, CodingKey {
        case covarianceType, startProbabilities, transitionMatrix, means, scales, degreesOfFreedom
    }

    /// Decodes and validates the parameters.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(covarianceType: c.decode(HMMCovarianceType.self, forKey: .covarianceType),
                      startProbabilities: c.decode([Double].self, forKey: .startProbabilities),
                      transitionMatrix: c.decode([[Double]].self, forKey: .transitionMatrix),
                      means: c.decode([[Double]].self, forKey: .means),
                      scales: c.decode([[[Double]]].self, forKey: .scales),
                      degreesOfFreedom: c.decode([Double].self, forKey: .degreesOfFreedom))
    }

    /// Encodes the parameters under the keys above.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(covarianceType, forKey: .covarianceType)
        try c.encode(startProbabilities, forKey: .startProbabilities)
        try c.encode(transitionMatrix, forKey: .transitionMatrix)
        try c.encode(means, forKey: .means)
        try c.encode(scales, forKey: .scales)
        try c.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
    }
}

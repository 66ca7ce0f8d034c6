import BarbellData
import BarbellQuant

extension GaussianHMM {
    /// Simulates `count` observations and their hidden states. States by inversion of the start
    /// and transition rows on one uniform each, emissions as `μ + L z` with `L` the Cholesky
    /// factor of the state's covariance and `z` standard normals drawn by inversion — so the
    /// same seed gives bit-identical output.
    /// - Throws: `.invalidArgument` for a negative `count`.
    public func sample(count: Int, seed: UInt64) throws -> (observations: [[Double]], states: [Int]) {
        guard count >= 0 else { throw RegimeError(.invalidArgument, "count = \(count): expected ≥ 0") }
        let d = dimension
        let factors = covariances.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
        var g = SplitMix64(seed: seed)
        var states = [Int](), obs = [[Double]]()
        states.reserveCapacity(count)
        obs.reserveCapacity(count)
        var s = 0
        for t in 0..<count {
            s = RegimeSampling.category(t == 0 ? startProbabilities : transitionMatrix[s], using: &g)
            obs.append(RegimeSampling.correlated(mean: means[s], factor: factors[s], RegimeSampling.standardNormals(d, using: &g)))
            states.append(s)
        }
        return (obs, states)
    }
}

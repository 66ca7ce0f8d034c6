import BarbellData
import BarbellQuant

extension StudentTHMM {
    /// Simulates `count` observations and their hidden states. Per step: the state by inversion of
    /// the start or transition row on one uniform, `d` standard normals `z` and one chi-squared
    /// draw `c ~ χ²_ν` by inversion, and the emission `μ + L z · √(ν/c)` with `L` the Cholesky
    /// factor of the state's scale — a multivariate t. The same seed gives bit-identical output.
    /// - Throws: `.invalidArgument` for a negative `count`.
    public func sample(count: Int, seed: UInt64) throws -> (observations: [[Double]], states: [Int]) {
        guard count >= 0 else { throw RegimeError(.invalidArgument, "count = \(count): expected ≥ 0") }
        let d = dimension
        let factors = scales.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
        let chiSquared = try degreesOfFreedom.map { try ChiSquared(degreesOfFreedom: $0) }
        var g = SplitMix64(seed: seed)
        var states = [Int](), obs = [[Double]]()
        states.reserveCapacity(count)
        obs.reserveCapacity(count)
        var s = 0
        for t in 0..<count {
            s = RegimeSampling.category(t == 0 ? startProbabilities : transitionMatrix[s], using: &g)
            let z = RegimeSampling.standardNormals(d, using: &g)
            let mix = (degreesOfFreedom[s] / chiSquared[s].sample(using: &g)).squareRoot()
            obs.append(RegimeSampling.correlated(mean: means[s], factor: factors[s], z, scale: mix))
            states.append(s)
        }
        return (obs, states)
    }
}

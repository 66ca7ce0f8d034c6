import BarbellData
import BarbellQuant

extension GaussianMixture {
    /// Draws `count` independent observations and the component of each: the component by
    /// inversion of the weights on one uniform, the observation as `μ + L z` with `L` the Cholesky
    /// factor of the component's covariance and `z` standard normals drawn by inversion — so the
    /// same seed gives bit-identical output. (scikit-learn groups its draws by component; these
    /// are in draw order.)
    /// - Throws: `.invalidArgument` for a negative `count`.
    public func sample(count: Int, seed: UInt64) throws -> (observations: [[Double]], components: [Int]) {
        guard count >= 0 else { throw RegimeError(.invalidArgument, "count = \(count): expected ≥ 0") }
        let d = dimension
        let factors = covariances.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
        var g = SplitMix64(seed: seed)
        var components = [Int](), obs = [[Double]]()
        components.reserveCapacity(count)
        obs.reserveCapacity(count)
        for _ in 0..<count {
            let s = RegimeSampling.category(weights, using: &g)
            obs.append(RegimeSampling.correlated(mean: means[s], factor: factors[s], RegimeSampling.standardNormals(d, using: &g)))
            components.append(s)
        }
        return (obs, components)
    }
}

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
        let k = componentCount, d = dimension
        let factors = covariances.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
        let last = (0..<k).last { weights[$0] > 0 } ?? k - 1
        var g = SplitMix64(seed: seed)
        var components = [Int](), obs = [[Double]]()
        components.reserveCapacity(count)
        obs.reserveCapacity(count)
        var z = [Double](repeating: 0, count: d)
        for _ in 0..<count {
            let u = g.nextOpenUnit()
            var s = last, cum = 0.0
            for j in 0..<k {
                cum += weights[j]
                if u < cum { s = j; break }
            }
            for i in 0..<d { z[i] = StandardNormal.sample(using: &g) }
            let l = factors[s]
            obs.append((0..<d).map { i in
                var x = means[s][i]
                for j in 0...i { x += l[i * d + j] * z[j] }
                return x
            })
            components.append(s)
        }
        return (obs, components)
    }
}

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
        let k = stateCount, d = dimension
        let factors = scales.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
        let chiSquared = try degreesOfFreedom.map { try ChiSquared(degreesOfFreedom: $0) }
        var g = SplitMix64(seed: seed)
        func draw(_ p: [Double]) -> Int {
            let u = g.nextOpenUnit()
            var cum = 0.0
            for j in 0..<k {
                cum += p[j]
                if u < cum { return j }
            }
            return (0..<k).last { p[$0] > 0 } ?? k - 1
        }
        var states = [Int](), obs = [[Double]]()
        states.reserveCapacity(count)
        obs.reserveCapacity(count)
        var z = [Double](repeating: 0, count: d)
        var s = 0
        for t in 0..<count {
            s = t == 0 ? draw(startProbabilities) : draw(transitionMatrix[s])
            for i in 0..<d { z[i] = StandardNormal.sample(using: &g) }
            let mix = (degreesOfFreedom[s] / chiSquared[s].sample(using: &g)).squareRoot()
            let l = factors[s]
            obs.append((0..<d).map { i in
                var y = 0.0
                for j in 0...i { y += l[i * d + j] * z[j] }
                return means[s][i] + y * mix
            })
            states.append(s)
        }
        return (obs, states)
    }
}

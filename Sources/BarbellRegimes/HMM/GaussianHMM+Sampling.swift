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
        let k = stateCount, d = dimension
        let factors = covariances.map { choleskyLower($0.flatMap { $0 }, d) ?? identityFactor(d) }
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
            let l = factors[s]
            obs.append((0..<d).map { i in
                var x = means[s][i]
                for j in 0...i { x += l[i * d + j] * z[j] }
                return x
            })
            states.append(s)
        }
        return (obs, states)
    }
}

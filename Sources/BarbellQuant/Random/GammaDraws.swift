import Foundation

/// Gamma and chi-square draws by Marsaglia & Tsang (2000), "A simple method for generating
/// gamma variables": a squeeze-accelerated rejection from a transformed normal. Unlike the
/// inversion used elsewhere it takes a variable number of uniforms per draw, which is still
/// deterministic for a seed. Used for the mixing variable of multivariate Student-t scenarios.
enum GammaDraws {
    /// One Gamma(shape, 1) draw; shapes below 1 use the boost `G(a) = G(a+1)·U^{1/a}`.
    static func gamma<G: RandomNumberGenerator>(shape: Double, using generator: inout G) -> Double {
        if shape < 1 {
            let boosted = gamma(shape: shape + 1, using: &generator)
            return boosted * pow(generator.nextOpenUnit(), 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = StandardNormal.sample(using: &generator)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = generator.nextOpenUnit()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// One χ²(ν) draw, `2·Gamma(ν/2)`.
    static func chiSquared<G: RandomNumberGenerator>(degreesOfFreedom nu: Double, using generator: inout G) -> Double {
        2 * gamma(shape: nu / 2, using: &generator)
    }
}

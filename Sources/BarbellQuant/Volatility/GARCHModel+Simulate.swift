import BarbellData
import Foundation

extension GARCHModel {
    /// A simulated return series and its conditional variances, as `arch`'s `simulate`: the
    /// recursion starts at the unconditional level (ω / (1 − persistence), or ω when the
    /// parameters are not stationary), runs `burn` discarded steps, then `count` kept ones;
    /// returns are μ + σₜ zₜ with zₜ drawn by inversion from the innovation distribution.
    ///
    /// The same seed gives bit-identical output.
    ///
    /// - Throws: `shapeMismatch`/`invalidArgument`/`nonFinite` for unusable parameters,
    ///   `invalidArgument` for a negative count or burn-in.
    public func simulate(parameters: [Double], count: Int, burn: Int = 500, seed: UInt64) throws -> (returns: [Double], variances: [Double]) {
        try validate()
        try checkParameters(parameters)
        guard count >= 0, burn >= 0 else {
            throw QuantError(.invalidArgument, "count (\(count)) and burn (\(burn)) must not be negative")
        }
        let mu = mean == .constant ? parameters[0] : 0
        let w = Array(parameters[meanParameterCount..<(meanParameterCount + varianceParameterCount)])
        let sampler = try GARCHInnovationSampler(innovations, shape: Array(parameters.suffix(shapeParameterCount)))
        var rng = SplitMix64(seed: seed)
        let total = count + burn, m = max(maxLag, 1)
        var z = [Double](repeating: 0, count: total), data = z, sigma2 = z, state = z
        for t in 0..<total { z[t] = sampler.draw(&rng) }
        let initial: Double
        switch process {
        case .garch:
            let persistence = w[1...].enumerated().reduce(0.0) { $0 + $1.element * ($1.offset >= p && $1.offset < p + o ? 0.5 : 1) }
            initial = persistence < 1 ? w[0] / (1 - persistence) : w[0]
        case .egarch:
            let betaSum = w.suffix(q).reduce(0, +)
            initial = betaSum < 1 ? w[0] / (1 - betaSum) : w[0]
        }
        for t in 0..<min(m, total) {
            state[t] = initial
            sigma2[t] = process == .garch ? initial : exp(initial)
            data[t] = sigma2[t].squareRoot() * z[t]
        }
        if total > m {
            for t in m..<total {
                var v = w[0]
                switch process {
                case .garch:
                    for j in 0..<p { v += w[1 + j] * (data[t - 1 - j] * data[t - 1 - j]) }
                    for j in 0..<o { v += w[1 + p + j] * (data[t - 1 - j] * data[t - 1 - j]) * (data[t - 1 - j] < 0 ? 1 : 0) }
                    for j in 0..<q { v += w[1 + p + o + j] * state[t - 1 - j] }
                    state[t] = v
                    sigma2[t] = v
                case .egarch:
                    for j in 0..<p { v += w[1 + j] * (abs(z[t - 1 - j]) - expectedAbsoluteNormal) }
                    for j in 0..<o { v += w[1 + p + j] * z[t - 1 - j] }
                    for j in 0..<q { v += w[1 + p + o + j] * state[t - 1 - j] }
                    state[t] = min(v, egarchLogVarianceCeiling)
                    sigma2[t] = exp(state[t])
                }
                data[t] = sigma2[t].squareRoot() * z[t]
            }
        }
        return (data[burn...].map { $0 + mu }, Array(sigma2[burn...]))
    }
}

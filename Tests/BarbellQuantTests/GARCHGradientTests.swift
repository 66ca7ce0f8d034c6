@testable import BarbellQuant
import Testing

/// The analytic GARCH/GJR likelihood gradients (the fast GARCH(1,1)/GJR(1,1,1) pass and the
/// general ring-buffer pass) against central differences of the likelihood itself, and the fast
/// pass's value against the general path's.
@Suite("GARCH likelihood gradients")
struct GARCHGradientTests {
    static let models: [GARCHModel] = GARCHModel.Innovations.allCases.flatMap { innovations in
        GARCHModel.Mean.allCases.flatMap { mean in
            [GARCHModel.garch(mean: mean, innovations: innovations), .gjr(mean: mean, innovations: innovations),
             GARCHModel(process: .garch, p: 2, o: 1, q: 2, mean: mean, innovations: innovations)]
        }
    }

    @Test("analytic gradient = central differences; fast value = general value", arguments: models)
    func gradient(_ model: GARCHModel) throws {
        let y = QuantFixture.garch.vector("simulated_returns", "returns")
        let likelihood = try GARCHLikelihood(model: model, returns: y)
        var theta = model.mean == .constant ? [0.04] : []
        theta += [0.03] + Array(repeating: 0.06 / Double(model.p), count: model.p)
            + Array(repeating: 0.08 / Double(max(model.o, 1)), count: model.o)
            + Array(repeating: 0.85 / Double(model.q), count: model.q)
        switch model.innovations {
        case .normal: break
        case .studentT: theta += [6.5]
        case .skewedT: theta += [6.5, -0.15]
        }
        var analytic = [Double](repeating: 0, count: theta.count)
        let value = theta.withUnsafeBufferPointer { x in
            analytic.withUnsafeMutableBufferPointer { likelihood.negativeLogLikelihood(x, gradient: $0) }
        }
        let general = -theta.withUnsafeBufferPointer { likelihood.logLikelihood($0) }
        // The fast pass sums logarithms through exponents and significands: same value to round-off.
        #expect(abs(value - general) <= 1e-11 * abs(general), "\(model.parameterNames): \(value) vs \(general)")
        for i in theta.indices {
            let h = 1e-6 * max(abs(theta[i]), 1)
            var up = theta, down = theta
            up[i] += h
            down[i] -= h
            let numeric = (-up.withUnsafeBufferPointer { likelihood.logLikelihood($0) }
                + down.withUnsafeBufferPointer { likelihood.logLikelihood($0) }) / (2 * h)
            // Central differences on a sum of ~2,000 terms of size ~1: truncation O(h²) and
            // round-off ~1e-13·|L|/h ≈ 3e-4 absolute, so 1e-3 absolute plus 1e-6 relative.
            #expect(abs(analytic[i] - numeric) <= 1e-3 + 1e-6 * abs(numeric),
                    "\(model.name) \(model.innovations) \(model.mean) \(model.parameterNames[i]): \(analytic[i]) vs \(numeric)")
        }
    }
}

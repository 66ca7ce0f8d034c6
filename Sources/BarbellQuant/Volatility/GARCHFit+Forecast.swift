import BarbellData
import Foundation

extension GARCHFit {
    /// How multi-step variance forecasts are produced.
    public enum ForecastMethod: String, Sendable, CaseIterable {
        /// Closed-form expectations (`arch`'s `method="analytic"`): exact for GARCH and GJR at
        /// every horizon (E[ε²] = σ², E[ε² 𝟙(ε<0)] = σ²/2), and for EGARCH at horizon 1 only.
        case analytic
        /// The mean over seeded simulated paths of the model from the last observation
        /// (`method="simulation"`), drawing innovations from the fitted distribution.
        case simulation
    }

    /// Conditional variance forecasts σ²ₙ₊₁ … σ²ₙ₊ₕ from the end of the sample.
    ///
    /// EGARCH has no closed form beyond one step, so `.analytic` falls back to simulation for
    /// `horizon > 1` (as `arch` requires `method="simulation"` there); horizon 1 is always exact.
    ///
    /// - Throws: `invalidArgument` for a horizon below 1 or fewer than 1 simulation.
    public func forecastVariance(horizon: Int, method: ForecastMethod = .analytic, simulations: Int = 1000, seed: UInt64 = 0) throws -> [Double] {
        guard horizon >= 1 else { throw QuantError(.invalidArgument, "the forecast horizon is \(horizon); it must be at least 1") }
        guard simulations >= 1 else { throw QuantError(.invalidArgument, "simulations is \(simulations); it must be at least 1") }
        let oneStep = nextVariance()
        if method == .analytic, model.process == .garch { return analyticGARCHForecast(horizon) }
        if horizon == 1 { return [oneStep] }
        var total = [Double](repeating: 0, count: horizon)
        var rng = SplitMix64(seed: seed)
        let sampler = try GARCHInnovationSampler(model.innovations, shape: shapeParameters)
        for _ in 0..<simulations {
            let path = simulatePath(horizon: horizon, sampler: sampler, rng: &rng)
            for h in 0..<horizon { total[h] += path[h] }
        }
        var forecasts = total.map { $0 / Double(simulations) }
        forecasts[0] = oneStep
        return forecasts
    }

    /// σ²ₙ₊₁ from the recursion one step past the sample, without variance bounds (as `arch`'s
    /// forecasts extend the bounds with [0, ∞)).
    func nextVariance() -> Double {
        let w = varianceParameters
        let (p, o, q) = (model.p, model.o, model.q)
        let n = observations
        switch model.process {
        case .garch:
            var v = w[0]
            for j in 0..<p { v += w[1 + j] * (residuals[n - 1 - j] * residuals[n - 1 - j]) }
            for j in 0..<o {
                let e = residuals[n - 1 - j]
                v += w[1 + p + j] * (e * e) * (e < 0 ? 1 : 0)
            }
            for j in 0..<q { v += w[1 + p + o + j] * conditionalVariance[n - 1 - j] }
            return max(v, 0)
        case .egarch:
            var v = w[0]
            let z = standardizedResiduals
            for j in 0..<p { v += w[1 + j] * (abs(z[n - 1 - j]) - expectedAbsoluteNormal) }
            for j in 0..<o { v += w[1 + p + j] * z[n - 1 - j] }
            for j in 0..<q { v += w[1 + p + o + j] * log(conditionalVariance[n - 1 - j]) }
            return exp(min(v, egarchLogVarianceCeiling))
        }
    }

    /// `arch`'s `GARCH._analytic_forecast` from the last observation.
    private func analyticGARCHForecast(_ horizon: Int) -> [Double] {
        let w = varianceParameters
        let (p, o, q) = (model.p, model.o, model.q)
        let m = model.maxLag, n = observations
        var r = [Double](repeating: 0, count: m + horizon), asym = r, s = r
        for k in 0..<m {
            let e = residuals[n - m + k]
            r[k] = e
            asym[k] = e < 0 ? e : 0
            s[k] = conditionalVariance[n - m + k]
        }
        var forecasts = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            let last = h + m - 1
            var f = w[0]
            for j in 0..<p { f += w[1 + j] * (r[last - j] * r[last - j]) }
            for j in 0..<o { f += w[1 + p + j] * (asym[last - j] * asym[last - j]) }
            for j in 0..<q { f += w[1 + p + o + j] * s[last - j] }
            r[h + m] = f.squareRoot()
            asym[h + m] = (0.5 * f).squareRoot()
            s[h + m] = f
            forecasts[h] = f
        }
        return forecasts
    }

    /// One simulated variance path σ²ₙ₊₁ … σ²ₙ₊ₕ continuing the fitted sample.
    private func simulatePath(horizon: Int, sampler: GARCHInnovationSampler, rng: inout SplitMix64) -> [Double] {
        let w = varianceParameters
        let (p, o, q) = (model.p, model.o, model.q)
        let m = model.maxLag, n = observations
        // History of residuals (GARCH) or standardised residuals (EGARCH) and variances (or logs).
        var shock = [Double](repeating: 0, count: m + horizon), state = shock
        let z = standardizedResiduals
        for k in 0..<m {
            shock[k] = model.process == .garch ? residuals[n - m + k] : z[n - m + k]
            state[k] = model.process == .garch ? conditionalVariance[n - m + k] : log(conditionalVariance[n - m + k])
        }
        var path = [Double](repeating: 0, count: horizon)
        for h in 0..<horizon {
            let last = h + m - 1
            var v = w[0]
            switch model.process {
            case .garch:
                for j in 0..<p { v += w[1 + j] * (shock[last - j] * shock[last - j]) }
                for j in 0..<o { v += w[1 + p + j] * (shock[last - j] * shock[last - j]) * (shock[last - j] < 0 ? 1 : 0) }
                for j in 0..<q { v += w[1 + p + o + j] * state[last - j] }
                state[h + m] = v
                path[h] = v
                shock[h + m] = v.squareRoot() * sampler.draw(&rng)
            case .egarch:
                for j in 0..<p { v += w[1 + j] * (abs(shock[last - j]) - expectedAbsoluteNormal) }
                for j in 0..<o { v += w[1 + p + j] * shock[last - j] }
                for j in 0..<q { v += w[1 + p + o + j] * state[last - j] }
                v = min(v, egarchLogVarianceCeiling)
                state[h + m] = v
                path[h] = exp(v)
                shock[h + m] = sampler.draw(&rng)
            }
        }
        return path
    }
}

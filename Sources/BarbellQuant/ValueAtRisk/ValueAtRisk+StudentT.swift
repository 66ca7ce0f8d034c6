import Foundation

extension ValueAtRisk {
    /// A location-scale Student-t fitted to returns by maximum likelihood (SciPy's `t.fit`).
    public struct StudentTFit: Sendable, Equatable {
        public var distribution: StudentT
        public var logLikelihood: Double
    }

    /// Fits `t(ν, μ, s)` by maximum likelihood over (μ, log s, log ν) with L-BFGS (finite-
    /// difference gradients), from the moment estimates; ν is kept in [2.05, 500] so that the
    /// variance exists (a t with ν ≤ 2 has no VaR scaling by volatility).
    public static func fitStudentT(_ returns: [Double]) throws -> StudentTFit {
        let m = try SampleMoments(returns, minimum: 30)
        let nu0 = m.excessKurtosis > 0.1 ? min(max(4 + 6 / m.excessKurtosis, 2.5), 100) : 30
        let s0 = m.standardDeviation * ((nu0 - 2) / nu0).squareRoot()
        let scale = m.standardDeviation
        var program = NonlinearProgram(dimension: 3, objective: NonlinearProgram.finiteDifferences { p in
            let nu = exp(p[2]), s = exp(p[1]) * scale
            var sum = 0.0
            for r in returns { sum += StudentT.standardLogPDF((r - p[0] * scale) / s, nu) }
            return -(sum - Double(returns.count) * log(s)) / Double(returns.count)
        })
        program.lowerBounds = [-50, log(1e-6), log(2.05)]
        program.upperBounds = [50, log(1e3), log(500)]
        var solver = NonlinearSolver(.lbfgs)
        solver.relativeFunctionTolerance = 1e-15
        let start = [m.mean / scale, log(s0 / scale), log(nu0)]
        let best: NonlinearSolution
        do {
            best = try solver.minimize(program, from: start)
        } catch let error as QuantError where error.code == .optimizerFailed {
            // L-BFGS can stall on finite-difference noise when ν runs to a bound; the simplex
            // needs no gradient. Its failure is reported, never a half-fitted result.
            var simplex = NonlinearSolver(.nelderMead)
            simplex.relativeFunctionTolerance = 1e-14
            best = try simplex.minimize(program, from: start)
        }
        let t = try StudentT(degreesOfFreedom: exp(best.x[2]), location: best.x[0] * scale, scale: exp(best.x[1]) * scale)
        return StudentTFit(distribution: t, logLikelihood: -best.value * Double(returns.count))
    }

    /// Parametric Student-t VaR and ES from a maximum-likelihood t fit: with `q` the standard t
    /// quantile at `1 − c` and `f` its density, `VaR = −(hμ + √h s q)` and
    /// `ES = −(hμ − √h s f(q)(ν + q²)/((ν − 1)(1 − c)))`. Horizon: square root of time (a sum of
    /// t variables is not t; this is the usual approximation, stated in the result).
    public static func studentT(_ returns: [Double], confidence: Double, horizon: Int = 1) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let t = try fitStudentT(returns).distribution
        let nu = t.degreesOfFreedom
        let standard = try StudentT(degreesOfFreedom: nu)
        let q = standard.quantile(1 - confidence)
        let h = Double(horizon)
        let mu = t.location * h, s = t.scale * h.squareRoot()
        let tailMean = standard.pdf(q) * (nu + q * q) / ((nu - 1) * (1 - confidence))
        return RiskEstimate(method: "student_t", confidence: confidence, horizon: horizon,
                            horizonScaling: horizon == 1 ? HorizonScaling.none : HorizonScaling.squareRootOfTime,
                            valueAtRisk: -(mu + s * q), expectedShortfall: -(mu - s * tailMean))
    }
}

import BarbellData
import Foundation

extension ValueAtRisk {
    /// Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999): a GARCH model
    /// filters the returns into i.i.d. standardised residuals `zₜ = εₜ/σₜ`, and the VaR re-scales
    /// their empirical distribution by the model's volatility forecast, so the estimate reacts to
    /// today's volatility without assuming a distribution for `z`.
    ///
    /// One period: `VaR = −(μ + σₙ₊₁ q_z)`, `ES = −(μ + σₙ₊₁ mean(z ≤ q_z))`, with `q_z` the
    /// empirical `1 − c` quantile of the residuals. Longer horizons simulate `simulations` paths:
    /// each step draws a residual uniformly (with replacement, seeded SplitMix64), scales it by
    /// the path's own variance and feeds the shock back into the GARCH/GJR recursion, so
    /// volatility clusters within the horizon; the horizon return is the sum of the steps.
    ///
    /// The model is fitted to `returns × scale` (100 by default, as `arch` advises) and results are
    /// scaled back.
    ///
    /// - Throws: the fit's errors; `invalidArgument` for a multi-period horizon with a model other
    ///   than GARCH(1,1) or GJR-GARCH(1,1,1).
    public static func filteredHistorical(_ returns: [Double], model: GARCHModel = GARCHModel(), confidence: Double,
                                          horizon: Int = 1, simulations: Int = 10_000, seed: UInt64 = 0,
                                          scale: Double = 100) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let fit = try model.fit(returns.map { $0 * scale })
        let z = fit.standardizedResiduals
        let parameters = fit.namedParameters
        let mu = parameters["mu"] ?? 0
        let nextVariance = try fit.forecastVariance(horizon: 1)[0]
        let sample: [Double]
        if horizon == 1 {
            sample = z.map { mu + nextVariance.squareRoot() * $0 }
        } else {
            guard model.process == .garch, model.p == 1, model.q == 1, model.o <= 1 else {
                throw QuantError(.invalidArgument, "multi-period filtered historical simulation supports GARCH(1,1) and GJR-GARCH(1,1,1); \(model.name) was given")
            }
            let omega = parameters["omega"]!, alpha = parameters["alpha[1]"]!, beta = parameters["beta[1]"]!
            let gamma = parameters["gamma[1]"] ?? 0
            var generator = SplitMix64(seed: seed)
            let n = UInt64(z.count)
            sample = (0..<max(simulations, 1)).map { _ in
                var variance = nextVariance, total = 0.0
                for _ in 0..<horizon {
                    // Modulo bias is below n/2⁶⁴, far under any Monte Carlo error.
                    let shock = variance.squareRoot() * z[Int(generator.next() % n)]
                    total += mu + shock
                    variance = omega + (alpha + (shock < 0 ? gamma : 0)) * shock * shock + beta * variance
                }
                return total
            }
        }
        var estimate = try historical(sample.map { $0 / scale }, confidence: confidence)
        estimate.method = "filtered_historical"
        estimate.horizon = horizon
        estimate.horizonScaling = horizon == 1 ? HorizonScaling.none : "simulated GARCH paths with bootstrapped residuals (\(simulations) paths)"
        return estimate
    }
}

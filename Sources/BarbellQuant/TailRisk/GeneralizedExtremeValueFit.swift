import Foundation

/// A generalized extreme value distribution fitted by maximum likelihood to block maxima
/// (e.g. the largest daily loss of each month).
///
/// `F(x) = exp(−(1 + ξ(x−μ)/σ)^(−1/ξ))`; ξ > 0 Fréchet (heavy tail), 0 Gumbel, < 0 Weibull.
/// SciPy's `genextreme` uses the opposite sign, `c = −ξ`.
public struct GeneralizedExtremeValueFit: Sendable, Equatable {
    /// ξ (SciPy's `−c`).
    public var shape: Double
    /// μ.
    public var location: Double
    /// σ.
    public var scale: Double
    public var logLikelihood: Double
    /// The number of block maxima fitted.
    public var count: Int

    /// Fits the GEV to `maxima` by maximum likelihood (Nelder-Mead over (ξ, μ, log σ) from the
    /// Gumbel moment estimates, restarted from its own optimum until it stops improving).
    ///
    /// - Throws: `insufficientData` with fewer than 10 maxima, `nonFinite` for NaN or infinity,
    ///   `invalidArgument` for constant maxima, `optimizerFailed` when the search fails.
    public static func fit(maxima: [Double]) throws -> GeneralizedExtremeValueFit {
        let minimum = 10
        guard maxima.count >= minimum else {
            throw QuantError(.insufficientData, "\(maxima.count) block maxima; a GEV fit needs at least \(minimum) (use smaller blocks or more data)")
        }
        if let i = maxima.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "maximum[\(i)] is \(maxima[i]); block maxima must be finite")
        }
        let n = Double(maxima.count)
        let mean = maxima.reduce(0, +) / n
        let sd = (maxima.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        guard sd > 0 else { throw QuantError(.invalidArgument, "all \(maxima.count) block maxima equal \(mean); a GEV needs spread") }
        // Gumbel method of moments: σ = s√6/π, μ = x̄ − γσ.
        let scale0 = sd * 6.0.squareRoot() / Double.pi
        let start = [0.1, mean - 0.577_215_664_901_532_9 * scale0, log(scale0)]

        var program = NonlinearProgram(dimension: 3, objective: { p, _ in
            negativeLogLikelihood(maxima, shape: p[0], location: p[1], scale: exp(p[2]))
        })
        program.lowerBounds = [-1, mean - 100 * sd, log(sd) - 30]
        program.upperBounds = [5, mean + 100 * sd, log(sd) + 30]
        var solver = NonlinearSolver(.nelderMead)
        solver.relativeFunctionTolerance = 1e-15
        solver.relativeStepTolerance = 1e-12
        solver.maxEvaluations = 50_000
        var best = try solver.minimize(program, from: start)
        for _ in 0..<5 {
            let again = try solver.minimize(program, from: best.x)
            if again.value >= best.value - 1e-12 * abs(best.value) { break }
            best = again
        }
        guard best.value < .greatestFiniteMagnitude else {
            throw QuantError(.optimizerFailed, "GEV likelihood has no finite maximum for these maxima")
        }
        return GeneralizedExtremeValueFit(shape: best.x[0], location: best.x[1], scale: exp(best.x[2]),
                                          logLikelihood: -best.value, count: maxima.count)
    }

    /// The level exceeded by a block maximum with probability `p` (the "1/p-block return level"),
    /// `μ − (σ/ξ)(1 − (−log(1−p))^(−ξ))`.
    public func returnLevel(exceedanceProbability p: Double) throws -> Double {
        guard p > 0, p < 1 else { throw QuantError(.invalidArgument, "exceedance probability \(p) is outside (0, 1)") }
        let y = -log1p(-p)
        if abs(shape) < 1e-12 { return location - scale * log(y) }
        return location - scale / shape * (1 - pow(y, -shape))
    }

    static func negativeLogLikelihood(_ x: [Double], shape: Double, location: Double, scale: Double) -> Double {
        let n = Double(x.count)
        var sum = 0.0
        if abs(shape) < 1e-12 {
            for v in x {
                let z = (v - location) / scale
                sum += z + exp(-z)
            }
            return n * log(scale) + sum
        }
        for v in x {
            let t = 1 + shape * (v - location) / scale
            guard t > 0 else { return .greatestFiniteMagnitude }
            let logT = log(t)
            sum += (1 + 1 / shape) * logT + exp(-logT / shape)
        }
        return n * log(scale) + sum
    }
}

extension GeneralizedExtremeValueFit {
    /// The maxima of consecutive, non-overlapping blocks of `blockSize` values (a trailing
    /// partial block is dropped so every maximum covers the same span).
    public static func blockMaxima(_ values: [Double], blockSize: Int) throws -> [Double] {
        guard blockSize >= 1 else { throw QuantError(.invalidArgument, "block size is \(blockSize); expected at least 1") }
        return stride(from: 0, to: values.count - blockSize + 1, by: blockSize).map { start in
            values[start..<(start + blockSize)].max()!
        }
    }
}

import Foundation

extension GARCHModel {
    /// Fits the model to `returns` by maximum likelihood, as `arch`'s `fit()` does: the same
    /// backcast, variance bounds, parameter bounds, stationarity constraints and grid of
    /// starting values, maximised with SLSQP (NLopt's, with exact gradients for GARCH/GJR).
    ///
    /// Returns are used as given: like `arch`, the optimiser behaves best when their variance is
    /// between about 1 and 1000 (daily returns in percent, i.e. ×100). ``scaleAdvice(_:)`` says
    /// when data look badly scaled.
    ///
    /// - Throws: `insufficientData` below ``minimumObservations``; `nonFinite` naming the first
    ///   NaN or infinite return; `invalidArgument` for a constant series or invalid orders;
    ///   `optimizerFailed` when SLSQP does not converge.
    public func fit(_ returns: [Double]) throws -> GARCHFit {
        let likelihood = try GARCHLikelihood(model: self, returns: returns)
        let volatilityStart = startingVolatility(likelihood)
        var start = mean == .constant ? [returns.reduce(0, +) / Double(returns.count)] : []
        start += volatilityStart
        if innovations != .normal {
            var s = [Double](repeating: 0, count: returns.count)
            likelihood.startResiduals.withUnsafeBufferPointer { e in
                volatilityStart.withUnsafeBufferPointer { w in
                    s.withUnsafeMutableBufferPointer { likelihood.variance(w, residuals: e, into: $0) }
                }
            }
            start += innovations.startingValues(standardized: zip(likelihood.startResiduals, s).map { $0 / $1.squareRoot() })
        }

        // SLSQP minimises the *average* negative log-likelihood: the same optimum as arch's sum,
        // but gradients of order one, so the first quasi-Newton steps (identity Hessian) are of
        // a sensible length instead of n times too long: far fewer evaluations.
        let perObservation = 1 / Double(returns.count)
        var program = NonlinearProgram(dimension: parameterCount) { x, g in
            let value = likelihood.negativeLogLikelihood(x, gradient: g) * perObservation
            guard value.isFinite else {
                throw QuantError(.optimizerFailed, "the log-likelihood is not finite at \(Array(x)); the data may be badly scaled")
            }
            if let g { for i in 0..<g.count { g[i] *= perObservation } }
            return value
        }
        let bounds = parameterBounds(likelihood.startResiduals)
        program.lowerBounds = bounds.map(\.0)
        program.upperBounds = bounds.map(\.1)
        program.inequalities = constraints()

        var solver = NonlinearSolver(.slsqp)
        // The likelihood is a sum of n terms; relative changes below 1e-11 are round-off.
        solver.relativeFunctionTolerance = 1e-11
        solver.relativeStepTolerance = 1e-9
        solver.maxEvaluations = 2000
        let solution: NonlinearSolution
        do {
            solution = try solver.minimize(program, from: start)
        } catch let error as QuantError where error.code == .optimizerFailed {
            throw QuantError(.optimizerFailed, "\(name) fit did not converge: \(error.message)")
        }
        let (e, s) = solution.x.withUnsafeBufferPointer { likelihood.path($0) }
        let logLikelihood = -solution.x.withUnsafeBufferPointer { likelihood.negativeLogLikelihood($0, gradient: nil) }
        return GARCHFit(model: self, parameters: solution.x, logLikelihood: logLikelihood,
                        residuals: e, conditionalVariance: s, evaluations: solution.evaluations, returns: returns)
    }

    /// `arch`'s starting values for the variance parameters: the candidate of a small grid with the
    /// best Gaussian likelihood.
    func startingVolatility(_ likelihood: GARCHLikelihood) -> [Double] {
        let e = likelihood.startResiduals
        var candidates: [[Double]] = []
        let k = varianceParameterCount
        switch process {
        case .garch:
            let target = e.reduce(0) { $0 + $1 * $1 } / Double(e.count)
            for alpha in [0.01, 0.05, 0.1, 0.2] {
                for gamma in [0.01, 0.05, 0.1, 0.2] {
                    for persistence in [0.5, 0.7, 0.9, 0.98] {
                        var sv = [Double](repeating: (1 - persistence) * target, count: k)
                        var rest = persistence
                        if p > 0 {
                            for j in 0..<p { sv[1 + j] = alpha / Double(p) }
                            rest -= alpha
                        }
                        if o > 0 {
                            for j in 0..<o { sv[1 + p + j] = gamma / Double(o) }
                            rest -= gamma / 2
                        }
                        if q > 0 { for j in 0..<q { sv[1 + p + o + j] = rest / Double(q) } }
                        candidates.append(sv)
                    }
                }
            }
        case .egarch:
            let target = log(e.reduce(0) { $0 + $1 * $1 } / Double(e.count))
            for alpha in [0.01, 0.05, 0.1, 0.2] {
                for gamma in [-0.1, 0.0, 0.1] {
                    for beta in [0.5, 0.7, 0.9, 0.98] {
                        var sv = [Double](repeating: (1 - beta) * target, count: k)
                        if p > 0 { for j in 0..<p { sv[1 + j] = alpha / Double(p) } }
                        if o > 0 { for j in 0..<o { sv[1 + p + j] = gamma / Double(o) } }
                        if q > 0 { for j in 0..<q { sv[1 + p + o + j] = beta / Double(q) } }
                        candidates.append(sv)
                    }
                }
            }
        }
        // The grid repeats candidates when p or o is zero; arch keeps the first best (argmax).
        var seen = Set<[Double]>()
        let unique = candidates.filter { seen.insert($0).inserted }
        let values = likelihood.hasFastRecursion
            ? likelihood.gaussianGrid(unique)
            : unique.map { likelihood.gaussianLogLikelihood(volatility: $0) }
        var best = unique[0], bestValue = -Double.infinity
        for (candidate, value) in zip(unique, values) where value > bestValue {
            best = candidate
            bestValue = value
        }
        return best
    }

    /// Box bounds for every parameter, `arch`'s: μ free; GARCH ω in [10⁻⁸v, 10v] with v the mean
    /// squared residual, α, β in [0, 1], γ in [−1, 2] (or [0, 2] beyond p); EGARCH ω within
    /// ln v ± ln 10⁴, α and γ free, β in [0, q]; then the shape bounds.
    func parameterBounds(_ e: [Double]) -> [(Double, Double)] {
        var bounds: [(Double, Double)] = mean == .constant ? [(-.infinity, .infinity)] : []
        let v = e.reduce(0) { $0 + $1 * $1 } / Double(e.count)
        switch process {
        case .garch:
            bounds.append((1e-8 * v, 10 * v))
            bounds += Array(repeating: (0, 1), count: p)
            bounds += (0..<o).map { $0 < p ? (-1, 2) : (0, 2) }
            bounds += Array(repeating: (0, 1), count: q)
        case .egarch:
            let logV = log(v), logTenThousand = log(10_000.0)
            bounds.append((logV - logTenThousand, logV + logTenThousand))
            bounds += Array(repeating: (-.infinity, .infinity), count: p + o)
            bounds += Array(repeating: (0, Double(q)), count: q)
        }
        return bounds + innovations.shapeBounds
    }

    /// The linear constraints beyond the bounds, as g(θ) ≤ 0: GARCH αᵢ + γᵢ ≥ 0 and
    /// Σα + ½Σγ + Σβ ≤ 1 (covariance stationarity); EGARCH Σβ ≤ 1.
    func constraints() -> [NonlinearProgram.Constraint] {
        let offset = meanParameterCount
        var rows: [[Double]] = []
        switch process {
        case .garch:
            for i in 0..<min(o, p) {
                var row = [Double](repeating: 0, count: parameterCount)
                row[offset + 1 + i] = -1
                row[offset + 1 + p + i] = -1
                rows.append(row)
            }
            var row = [Double](repeating: 0, count: parameterCount)
            for j in 0..<p { row[offset + 1 + j] = 1 }
            for j in 0..<o { row[offset + 1 + p + j] = 0.5 }
            for j in 0..<q { row[offset + 1 + p + o + j] = 1 }
            rows.append(row)
        case .egarch:
            guard q > 0 else { return [] }
            var row = [Double](repeating: 0, count: parameterCount)
            for j in 0..<q { row[offset + 1 + p + o + j] = 1 }
            rows.append(row)
        }
        return rows.enumerated().map { index, row in
            let constant = index == rows.count - 1 ? -1.0 : 0.0
            return NonlinearProgram.Constraint(tolerance: 1e-12) { x, g in
                if let g { for i in 0..<row.count { g[i] = row[i] } }
                var value = constant
                for i in 0..<row.count where row[i] != 0 { value += row[i] * x[i] }
                return value
            }
        }
    }

    /// `arch`'s data-scale check: when var(returns) is outside [0.1, 10⁴) it suggests the power of
    /// ten that brings it inside (e.g. 100 for daily returns as fractions); `nil` when the scale is
    /// fine. The fit itself never rescales.
    public static func scaleAdvice(_ returns: [Double]) -> Double? {
        guard !returns.isEmpty else { return nil }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let original = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count)
        var scale = original, rescale = 1.0
        while !(0.1 <= scale && scale < 10_000) && scale > 0 {
            // Divide rather than multiply by 0.1, as arch does, so 0.01 comes out exactly.
            if scale < 1 { rescale *= 10 } else { rescale /= 10 }
            scale = original * rescale * rescale
        }
        return rescale == 1 ? nil : rescale
    }
}

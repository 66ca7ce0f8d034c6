import Foundation

/// A generalized Pareto distribution fitted by maximum likelihood to the excesses `y = x − u`
/// of a sample over a threshold `u` (peaks over threshold).
///
/// The density of an excess is `(1/σ)(1 + ξy/σ)^(−1/ξ − 1)`; `ξ > 0` is a power-law (heavy) tail
/// with tail index `1/ξ`, `ξ = 0` exponential, `ξ < 0` a finite end point at `u − σ/ξ`. The
/// parameters are SciPy's `genpareto` with `c = ξ`, `loc = 0` (for the excesses).
public struct GeneralizedParetoFit: Sendable, Equatable {
    /// ξ, the shape (tail) parameter.
    public var shape: Double
    /// σ, the scale of the excesses.
    public var scale: Double
    /// The maximised log-likelihood of the excesses.
    public var logLikelihood: Double
    /// The number of excesses fitted.
    public var count: Int
    /// Asymptotic standard errors of (ξ, σ) from the inverse Fisher information,
    /// `Var ξ̂ = (1+ξ)²/n`, `Var σ̂ = 2σ²(1+ξ)/n`; valid for ξ > −½ (NaN otherwise).
    public var standardErrors: (shape: Double, scale: Double) {
        guard shape > -0.5 else { return (.nan, .nan) }
        let n = Double(count)
        return ((1 + shape) / n.squareRoot(), (2 * scale * scale * (1 + shape) / n).squareRoot())
    }

    /// Fits the GPD to positive excesses by maximum likelihood.
    ///
    /// The search runs over (ξ, log σ) with Nelder-Mead at tight tolerances: the likelihood is
    /// −∞ outside the support (1 + ξy/σ ≤ 0 for some y), which a simplex method handles without
    /// special cases, and two parameters make it cheap. ξ is kept in [−1, 5]: below −1 the
    /// likelihood is unbounded (the end point can sit on the largest excess).
    ///
    /// - Throws: `insufficientData` with fewer than 10 excesses, `invalidArgument` for a
    ///   non-positive or non-finite excess, `optimizerFailed` when the search does not converge.
    public static func fit(excesses: [Double]) throws -> GeneralizedParetoFit {
        let minimum = 10
        guard excesses.count >= minimum else {
            throw QuantError(.insufficientData, "\(excesses.count) excesses over the threshold; a GPD fit needs at least \(minimum) (lower the threshold or supply more data)")
        }
        if let i = excesses.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw QuantError(.invalidArgument, "excess[\(i)] is \(excesses[i]); excesses over the threshold must be positive and finite")
        }
        let n = Double(excesses.count)
        let mean = excesses.reduce(0, +) / n
        let variance = excesses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        // Method-of-moments start (Hosking & Wallis 1987), kept inside the search box.
        let ratio = mean * mean / variance
        let shape0 = min(max(0.5 * (1 - ratio), -0.4), 0.9)
        let scale0 = max(0.5 * mean * (ratio + 1), mean * 1e-3)

        var program = NonlinearProgram(dimension: 2, objective: { p, _ in
            negativeLogLikelihood(excesses, shape: p[0], scale: exp(p[1]))
        })
        program.lowerBounds = [-1, log(mean) - 30]
        program.upperBounds = [5, log(mean) + 30]
        var solver = NonlinearSolver(.nelderMead)
        solver.relativeFunctionTolerance = 1e-15
        solver.relativeStepTolerance = 1e-12
        // A simplex restarted from its own optimum escapes the rare premature collapse.
        var start = [shape0, log(scale0)]
        var best = try solver.minimize(program, from: start)
        for _ in 0..<3 {
            start = best.x
            let again = try solver.minimize(program, from: start)
            if again.value >= best.value - 1e-12 * abs(best.value) { break }
            best = again
        }
        guard best.value.isFinite, best.value < .greatestFiniteMagnitude else {
            throw QuantError(.optimizerFailed, "GPD likelihood has no finite maximum for these excesses")
        }
        return GeneralizedParetoFit(shape: best.x[0], scale: exp(best.x[1]), logLikelihood: -best.value, count: excesses.count)
    }

    /// −log L of excesses under GPD(ξ, σ); +∞ (as the largest finite double) outside the support.
    static func negativeLogLikelihood(_ y: [Double], shape: Double, scale: Double) -> Double {
        let n = Double(y.count)
        var sum = 0.0
        if abs(shape) < 1e-12 {
            for v in y { sum += v }
            return n * log(scale) + sum / scale
        }
        let k = shape / scale
        for v in y {
            let t = k * v
            guard t > -1 else { return .greatestFiniteMagnitude }
            sum += log1p(t)
        }
        return n * log(scale) + (1 + 1 / shape) * sum
    }
}

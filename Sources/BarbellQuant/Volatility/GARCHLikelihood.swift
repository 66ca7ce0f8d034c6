import Foundation

/// The largest log-variance EGARCH allows before exponentiating (`arch`'s `LNSIGMA_MAX`).
let egarchLogVarianceCeiling = log(Double.greatestFiniteMagnitude) - 0.1
/// E|z| for a standard normal z, √(2/π): `arch` centres EGARCH's |z| term with it for every
/// innovation distribution.
let expectedAbsoluteNormal = 0.79788456080286541

/// The GARCH log-likelihood on one return series, set up exactly as `arch` 8 sets it up.
///
/// What fixes the likelihood besides the parameters is computed once, from the residuals at the
/// mean's starting value (`y − ȳ`, or `y` for a zero mean), and then held fixed while the
/// optimiser moves the parameters, as `arch` does:
/// - the backcast σ²₀ used for every pre-sample lag: the exponentially weighted (0.94) mean of the
///   first τ = min(75, n) squared residuals (its logarithm for EGARCH);
/// - per-observation variance bounds: an EWMA(0.94) variance path divided and multiplied by 10⁶,
///   floored at var(e)/10⁸ and kept between 1 + max e² and 10⁷(1 + max e²) above. A variance
///   below its floor is lifted to it; one above its ceiling U is replaced by U + ln(σ²/U).
struct GARCHLikelihood {
    let model: GARCHModel
    let returns: [Double]
    let startResiduals: [Double]
    /// The mean's starting value: ȳ for a constant mean, 0 for a zero mean.
    let startMean: Double
    let backcast: Double
    let lowerBounds: [Double]
    let upperBounds: [Double]

    init(model: GARCHModel, returns: [Double]) throws {
        try model.validate()
        guard returns.count >= model.minimumObservations else {
            throw QuantError(.insufficientData, "too few observations: \(returns.count) returns, a \(model.name)(\(model.p),\(model.o),\(model.q)) fit with \(model.parameterCount) parameters needs at least \(model.minimumObservations)")
        }
        if let i = returns.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "return \(i) is \(returns[i]); GARCH needs finite returns")
        }
        self.model = model
        self.returns = returns
        let mean = model.mean == .constant ? returns.reduce(0, +) / Double(returns.count) : 0
        let e = returns.map { $0 - mean }
        let sumSquares = e.reduce(0) { $0 + $1 * $1 }
        guard sumSquares > 0, e.contains(where: { abs($0) > 1e-12 * max(abs(mean), 1) }) else {
            throw QuantError(.invalidArgument, "the returns are constant (\(returns[0])); there is no variance to model")
        }
        startResiduals = e
        startMean = mean
        let ewmaStart = Self.exponentialBackcast(e)
        backcast = model.process == .egarch ? log(ewmaStart) : ewmaStart
        (lowerBounds, upperBounds) = Self.varianceBounds(e, start: ewmaStart)
    }

    var count: Int { returns.count }

    /// Σ wᵢ eᵢ² over the first min(75, n) residuals with weights ∝ 0.94ⁱ.
    static func exponentialBackcast(_ e: [Double]) -> Double {
        let tau = min(75, e.count)
        var weights = [Double](repeating: 0, count: tau)
        var w = 1.0
        for i in 0..<tau {
            weights[i] = w
            w *= 0.94
        }
        let total = weights.reduce(0, +)
        var sum = 0.0
        for i in 0..<tau { sum += e[i] * e[i] * (weights[i] / total) }
        return sum
    }

    /// `arch`'s `variance_bounds`: lower and upper bound per observation.
    static func varianceBounds(_ e: [Double], start: Double) -> ([Double], [Double]) {
        let n = e.count
        var sum = 0.0, maxSquare = 0.0
        for x in e {
            sum += x
            maxSquare = max(maxSquare, x * x)
        }
        let mean = sum / Double(n)
        var squares = 0.0
        for x in e { squares += (x - mean) * (x - mean) }
        let variance = squares / Double(n)
        let floor = variance / 1e8, minimumCeiling = 1 + maxSquare, maximumCeiling = 1e7 * (1 + maxSquare)
        var lower = [Double](repeating: 0, count: n), upper = lower
        var previous = start
        for t in 0..<n {
            // arch runs its GARCH recursion with (ω, α, β) = (0, 0.06, 0.94) and the backcast.
            var ewma = 0.0
            ewma += (1 - 0.94) * (t == 0 ? start : e[t - 1] * e[t - 1])
            ewma += 0.94 * previous
            previous = ewma
            lower[t] = max(ewma / 1e6, floor)
            upper[t] = min(max(ewma * 1e6, minimumCeiling), maximumCeiling)
        }
        return (lower, upper)
    }

    /// Residuals εₜ = yₜ − μ (or yₜ) at the parameter vector `theta`.
    func residuals(_ theta: UnsafeBufferPointer<Double>, into e: UnsafeMutableBufferPointer<Double>) {
        let mu = model.mean == .constant ? theta[0] : 0
        for t in 0..<count { e[t] = returns[t] - mu }
    }

    /// The conditional variance path for variance parameters `volatility` (ω first) and residuals `e`.
    func variance(_ volatility: UnsafeBufferPointer<Double>, residuals e: UnsafeBufferPointer<Double>, into s: UnsafeMutableBufferPointer<Double>) {
        switch model.process {
        case .garch: garchVariance(volatility, e, s)
        case .egarch: egarchVariance(volatility, e, s)
        }
    }

    /// `arch`'s `garch_recursion` with power 2, summing in its order (ω, α, γ, β).
    private func garchVariance(_ w: UnsafeBufferPointer<Double>, _ e: UnsafeBufferPointer<Double>, _ s: UnsafeMutableBufferPointer<Double>) {
        let (p, o, q) = (model.p, model.o, model.q)
        let bc = backcast
        lowerBounds.withUnsafeBufferPointer { lower in
            upperBounds.withUnsafeBufferPointer { upper in
                for t in 0..<count {
                    var v = w[0]
                    for j in 0..<p {
                        let i = t - 1 - j
                        v += i < 0 ? w[1 + j] * bc : w[1 + j] * (e[i] * e[i])
                    }
                    for j in 0..<o {
                        let i = t - 1 - j
                        v += i < 0 ? w[1 + p + j] * 0.5 * bc : w[1 + p + j] * (e[i] * e[i]) * (e[i] < 0 ? 1 : 0)
                    }
                    for j in 0..<q {
                        let i = t - 1 - j
                        v += i < 0 ? w[1 + p + o + j] * bc : w[1 + p + o + j] * s[i]
                    }
                    s[t] = boundedVariance(v, lower[t], upper[t])
                }
            }
        }
    }

    /// `arch`'s `egarch_recursion`: pre-sample |z| and z terms are absent, pre-sample ln σ² is the
    /// backcast.
    private func egarchVariance(_ w: UnsafeBufferPointer<Double>, _ e: UnsafeBufferPointer<Double>, _ s: UnsafeMutableBufferPointer<Double>) {
        let (p, o, q) = (model.p, model.o, model.q)
        let n = count
        var logVariance = [Double](repeating: 0, count: n), z = logVariance
        for t in 0..<n {
            var v = w[0]
            for j in 0..<p where t - 1 - j >= 0 {
                v += w[1 + j] * (abs(z[t - 1 - j]) - expectedAbsoluteNormal)
            }
            for j in 0..<o where t - 1 - j >= 0 {
                v += w[1 + p + j] * z[t - 1 - j]
            }
            for j in 0..<q {
                let i = t - 1 - j
                v += w[1 + p + o + j] * (i < 0 ? backcast : logVariance[i])
            }
            v = min(v, egarchLogVarianceCeiling)
            var sigma2 = exp(v)
            if sigma2 < lowerBounds[t] {
                sigma2 = lowerBounds[t]
                v = log(sigma2)
            } else if sigma2 > upperBounds[t] {
                sigma2 = upperBounds[t] + log(sigma2) - log(upperBounds[t])
                v = log(sigma2)
            }
            s[t] = sigma2
            logVariance[t] = v
            z[t] = e[t] / sigma2.squareRoot()
        }
    }

    /// The bounded conditional log-likelihood's parameters split: where the variance and shape
    /// parameters start in `theta`.
    var varianceOffset: Int { model.meanParameterCount }
    var shapeOffset: Int { model.meanParameterCount + model.varianceParameterCount }

    /// Residuals and variances at `theta`.
    func path(_ theta: UnsafeBufferPointer<Double>) -> (residuals: [Double], variances: [Double]) {
        var e = [Double](repeating: 0, count: count), s = e
        e.withUnsafeMutableBufferPointer { eb in
            residuals(theta, into: eb)
            s.withUnsafeMutableBufferPointer { sb in
                variance(UnsafeBufferPointer(rebasing: theta[varianceOffset..<shapeOffset]), residuals: UnsafeBufferPointer(eb), into: sb)
            }
        }
        return (e, s)
    }

    /// Per-observation log-likelihoods at `theta`.
    func logLikelihoods(_ theta: UnsafeBufferPointer<Double>) -> [Double] {
        let (e, s) = path(theta)
        return withDensity(theta) { density in (0..<count).map { density.logDensity(e[$0], s[$0]) } }
    }

    /// The log-likelihood at `theta`.
    func logLikelihood(_ theta: UnsafeBufferPointer<Double>) -> Double {
        let (e, s) = path(theta)
        return withDensity(theta) { density in
            var total = 0.0
            for t in 0..<count { total += density.logDensity(e[t], s[t]) }
            return total
        }
    }

    /// The Gaussian log-likelihood of the variance parameters `volatility` on the starting
    /// residuals: what `arch` ranks its grid of starting values by.
    func gaussianLogLikelihood(volatility: [Double]) -> Double {
        if hasFastRecursion {
            // The same residuals y − ȳ (or y) through the one-pass kernel.
            let theta = (model.mean == .constant ? [startMean] : []) + volatility
            var kernel = FastNormalKernel()
            return theta.withUnsafeBufferPointer { fastPass(&kernel, $0, nil) }
        }
        var s = [Double](repeating: 0, count: count)
        startResiduals.withUnsafeBufferPointer { e in
            volatility.withUnsafeBufferPointer { w in
                s.withUnsafeMutableBufferPointer { variance(w, residuals: e, into: $0) }
            }
        }
        let density = NormalInnovations()
        var total = 0.0
        for t in 0..<count { total += density.logDensity(startResiduals[t], s[t]) }
        return total
    }

    /// Calls `body` with the innovation density at `theta`'s shape parameters.
    func withDensity<R>(_ theta: UnsafeBufferPointer<Double>, _ body: (any GARCHInnovationDensity) -> R) -> R {
        switch model.innovations {
        case .normal: body(NormalInnovations())
        case .studentT: body(StudentTInnovations(nu: theta[shapeOffset]))
        case .skewedT: body(SkewedTInnovations(eta: theta[shapeOffset], lambda: theta[shapeOffset + 1]))
        }
    }
}

/// `arch`'s `bounds_check`: lift to the floor, compress logarithmically above the ceiling.
@inline(__always)
func boundedVariance(_ v: Double, _ lower: Double, _ upper: Double) -> Double {
    if v < lower { return lower }
    if v > upper { return v.isInfinite ? upper + 1000 : upper + log(v / upper) }
    return v
}

import Foundation

/// One expiry's SVI fit.
public struct SVISlice: Sendable, Codable {
    public var expiry: Double
    public var parameters: SVIParameters
    /// The weighted sum of squared total-variance residuals Σ wᵢ(w(kᵢ) − Wᵢ)² at the optimum.
    public var objective: Double
    /// √(Σ wᵢ(w(kᵢ) − Wᵢ)² / Σ wᵢ).
    public var rmse: Double
    /// Number of quotes fitted.
    public var count: Int

    public init(expiry: Double, parameters: SVIParameters, objective: Double, rmse: Double, count: Int) {
        self.expiry = expiry
        self.parameters = parameters
        self.objective = objective
        self.rmse = rmse
        self.count = count
    }
}

extension SVIParameters {
    /// Box bounds used by ``fit(logMoneyness:totalVariance:expiry:weights:)`` for data with
    /// log-moneyness in [kMin, kMax] and largest total variance wMax, as (lower, upper) over
    /// (a, b, ρ, m, σ): a ∈ [0, wMax] (so w ≥ 0 everywhere), b ∈ [0, 2] (Lee's bound on the wing
    /// slope b(1 + |ρ|) ≤ 2 at |ρ| → 0), ρ ∈ [−0.999, 0.999], m ∈ [kMin − 0.5, kMax + 0.5],
    /// σ ∈ [1e-4, 2].
    public static func fitBounds(kMin: Double, kMax: Double, wMax: Double) -> (lower: [Double], upper: [Double]) {
        ([0, 0, -0.999, kMin - 0.5, 1e-4], [wMax, 2, 0.999, kMax + 0.5, 2])
    }

    /// The deterministic multi-start grid: ρ ∈ {−0.7, −0.3, 0.2}, m ∈ {kMin/2, 0, kMax/2},
    /// σ ∈ {0.05, 0.2, 0.6}; a and b start at the linear least-squares values for the other three
    /// (w is linear in a and b), clamped into the bounds.
    public static func startingPoints(k: [Double], w: [Double], weights: [Double], kMin: Double, kMax: Double,
                                      wMax: Double) -> [[Double]] {
        let (lower, upper) = fitBounds(kMin: kMin, kMax: kMax, wMax: wMax)
        var starts: [[Double]] = []
        for rho in [-0.7, -0.3, 0.2] {
            for m in [0.5 * kMin, 0, 0.5 * kMax] {
                for sigma in [0.05, 0.2, 0.6] {
                    // Weighted regression of W on z = ρ(k − m) + √((k − m)² + σ²).
                    var sw = 0.0, sz = 0.0, szz = 0.0, sy = 0.0, szy = 0.0
                    for i in k.indices {
                        let d = k[i] - m
                        let z = rho * d + (d * d + sigma * sigma).squareRoot()
                        sw += weights[i]; sz += weights[i] * z; szz += weights[i] * z * z
                        sy += weights[i] * w[i]; szy += weights[i] * z * w[i]
                    }
                    let det = sw * szz - sz * sz
                    var b = det > 0 ? (sw * szy - sz * sy) / det : 0.1
                    b = min(max(b, 1e-3), upper[1])
                    var a = (sy - b * sz) / sw
                    a = min(max(a, lower[0]), upper[0])
                    starts.append([a, b, rho, m, sigma])
                }
            }
        }
        return starts
    }

    /// Fits raw SVI to one expiry's total implied variances by weighted least squares.
    ///
    /// Minimises Σ wᵢ(w(kᵢ) − Wᵢ)² with NLopt's L-BFGS (analytic gradient) inside
    /// ``fitBounds(kMin:kMax:wMax:)`` from each of the 27 ``startingPoints(k:w:weights:kMin:kMax:wMax:)``
    /// and keeps the best; the fit is deterministic. Throws ``QuantError/Code/insufficientData``
    /// for fewer than 5 quotes, ``QuantError/Code/shapeMismatch`` for arrays of different
    /// lengths, ``QuantError/Code/invalidArgument`` for non-finite or negative inputs, and
    /// ``QuantError/Code/optimizerFailed`` when no start converges.
    public static func fit(logMoneyness k: [Double], totalVariance w: [Double], expiry: Double,
                           weights: [Double]? = nil) throws -> SVISlice {
        let weights = weights ?? Array(repeating: 1, count: k.count)
        guard k.count == w.count, weights.count == k.count else {
            throw QuantError(.shapeMismatch, "\(k.count) log-moneyness values, \(w.count) total variances and \(weights.count) weights; expected equal counts")
        }
        guard k.count >= 5 else {
            throw QuantError(.insufficientData, "\(k.count) quotes; an SVI fit (5 parameters) needs at least 5")
        }
        guard expiry.isFinite, expiry > 0 else { throw QuantError(.invalidArgument, "expiry is \(expiry), expected > 0") }
        for i in k.indices {
            guard k[i].isFinite else { throw QuantError(.invalidArgument, "log-moneyness \(i) is \(k[i])") }
            guard w[i].isFinite, w[i] > 0 else { throw QuantError(.invalidArgument, "total variance \(i) is \(w[i]), expected > 0") }
            guard weights[i].isFinite, weights[i] >= 0 else { throw QuantError(.invalidArgument, "weight \(i) is \(weights[i]), expected ≥ 0") }
        }
        let kMin = k.min()!, kMax = k.max()!, wMax = w.max()!
        let (lower, upper) = fitBounds(kMin: kMin, kMax: kMax, wMax: wMax)
        var program = NonlinearProgram(dimension: 5) { x, gradient in
            let p = SVIParameters(a: x[0], b: x[1], rho: x[2], m: x[3], sigma: x[4])
            var sum = 0.0
            var g = (0.0, 0.0, 0.0, 0.0, 0.0)
            for i in k.indices {
                let r = p.totalVariance(k[i]) - w[i]
                sum += weights[i] * r * r
                if gradient != nil {
                    let d = p.gradient(k[i])
                    let c = 2 * weights[i] * r
                    g.0 += c * d.0; g.1 += c * d.1; g.2 += c * d.2; g.3 += c * d.3; g.4 += c * d.4
                }
            }
            if let gradient {
                gradient[0] = g.0; gradient[1] = g.1; gradient[2] = g.2; gradient[3] = g.3; gradient[4] = g.4
            }
            return sum
        }
        program.lowerBounds = lower
        program.upperBounds = upper
        var solver = NonlinearSolver(.lbfgs)
        solver.maxEvaluations = 5000
        var best: NonlinearSolution?
        var lastError: Error?
        for start in startingPoints(k: k, w: w, weights: weights, kMin: kMin, kMax: kMax, wMax: wMax) {
            do {
                let s = try solver.minimize(program, from: start)
                if best == nil || s.value < best!.value { best = s }
            } catch {
                lastError = error
            }
        }
        guard let best else {
            throw QuantError(.optimizerFailed, "no SVI start converged (\(lastError.map { "\($0)" } ?? "unknown"))")
        }
        let x = best.x
        let totalWeight = weights.reduce(0, +)
        return SVISlice(expiry: expiry, parameters: SVIParameters(a: x[0], b: x[1], rho: x[2], m: x[3], sigma: x[4]),
                        objective: best.value, rmse: (best.value / max(totalWeight, .leastNormalMagnitude)).squareRoot(),
                        count: k.count)
    }
}

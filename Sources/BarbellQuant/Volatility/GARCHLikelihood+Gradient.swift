import Foundation

extension GARCHLikelihood {
    /// The negative log-likelihood at `theta` (what the optimiser minimises) and, when `gradient`
    /// is non-nil, its gradient.
    ///
    /// GARCH and GJR-GARCH get an exact gradient from one forward pass that carries ∂σ²ₜ/∂θ
    /// alongside σ²ₜ (the recursion's own derivative recursion, zeroed where the variance floor
    /// binds and scaled by 1/σ² where the logarithmic ceiling does); EGARCH, whose recursion feeds
    /// on σₜ through zₜ, uses central differences.
    func negativeLogLikelihood(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        if hasFastPath { return -fastLogLikelihoodNegatingGradient(theta, gradient) }
        guard let gradient else { return -logLikelihood(theta) }
        switch model.process {
        case .egarch:
            // Central differences with step ∛ε·max(|θᵢ|, 1), as NonlinearProgram.finiteDifferences.
            var probe = Array(theta)
            for i in 0..<theta.count {
                let h = 6.055454452393343e-06 * max(abs(theta[i]), 1)
                probe[i] = theta[i] + h
                let up = probe.withUnsafeBufferPointer { logLikelihood($0) }
                probe[i] = theta[i] - h
                let down = probe.withUnsafeBufferPointer { logLikelihood($0) }
                probe[i] = theta[i]
                gradient[i] = -(up - down) / (2 * h)
            }
            return -logLikelihood(theta)
        case .garch:
            let value: Double
            switch model.innovations {
            case .normal: value = garchValueAndGradient(NormalInnovations(), theta, gradient)
            case .studentT: value = garchValueAndGradient(StudentTInnovations(nu: theta[shapeOffset]), theta, gradient)
            case .skewedT: value = garchValueAndGradient(SkewedTInnovations(eta: theta[shapeOffset], lambda: theta[shapeOffset + 1]), theta, gradient)
            }
            for i in 0..<gradient.count { gradient[i] = -gradient[i] }
            return -value
        }
    }

    private func fastLogLikelihoodNegatingGradient(_ theta: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let value = fastLogLikelihood(theta, gradient: gradient)
        if let gradient { for i in 0..<gradient.count { gradient[i] = -gradient[i] } }
        return value
    }

    /// Log-likelihood and its gradient for the GARCH recursion in one pass, keeping only the last
    /// max(p, o, q) variances, residuals and variance derivatives in ring buffers.
    private func garchValueAndGradient<D: GARCHInnovationDensity>(_ density: D, _ theta: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let (p, o, q) = (model.p, model.o, model.q)
        let hasMean = model.mean == .constant
        let mu = hasMean ? theta[0] : 0
        let v0 = varianceOffset
        // Derivatives of σ²ₜ with respect to μ (when present) and the variance parameters.
        let width = shapeOffset
        let lags = model.maxLag
        let bc = backcast
        for i in 0..<gradient.count { gradient[i] = 0 }
        var ringE = [Double](repeating: 0, count: lags)
        var ringS = ringE
        var ringD = [Double](repeating: 0, count: lags * width)
        var current = [Double](repeating: 0, count: width)
        var shape = [Double](repeating: 0, count: max(D.shapeCount, 1))
        var total = 0.0
        returns.withUnsafeBufferPointer { y in
        lowerBounds.withUnsafeBufferPointer { lower in
        upperBounds.withUnsafeBufferPointer { upper in
        ringE.withUnsafeMutableBufferPointer { ringE in
        ringS.withUnsafeMutableBufferPointer { ringS in
        ringD.withUnsafeMutableBufferPointer { ringD in
        current.withUnsafeMutableBufferPointer { d in
        shape.withUnsafeMutableBufferPointer { shapeGradient in
            var slot = 0
            for t in 0..<count {
                let e = y[t] - mu
                for k in 0..<width { d[k] = 0 }
                var v = theta[v0]
                d[v0] = 1
                for j in 0..<p {
                    if t - 1 - j < 0 {
                        v += theta[v0 + 1 + j] * bc
                        d[v0 + 1 + j] += bc
                    } else {
                        var r = slot - 1 - j
                        if r < 0 { r += lags }
                        let past = ringE[r]
                        v += theta[v0 + 1 + j] * (past * past)
                        d[v0 + 1 + j] += past * past
                        if hasMean { d[0] -= 2 * theta[v0 + 1 + j] * past }
                    }
                }
                for j in 0..<o {
                    let c = v0 + 1 + p + j
                    if t - 1 - j < 0 {
                        v += theta[c] * 0.5 * bc
                        d[c] += 0.5 * bc
                    } else {
                        var r = slot - 1 - j
                        if r < 0 { r += lags }
                        let past = ringE[r]
                        // arch adds γ·ε²·0 for a non-negative ε: nothing.
                        if past < 0 {
                            v += theta[c] * (past * past)
                            d[c] += past * past
                            if hasMean { d[0] -= 2 * theta[c] * past }
                        }
                    }
                }
                for j in 0..<q {
                    let c = v0 + 1 + p + o + j
                    if t - 1 - j < 0 {
                        v += theta[c] * bc
                        d[c] += bc
                    } else {
                        var r = slot - 1 - j
                        if r < 0 { r += lags }
                        let beta = theta[c]
                        v += beta * ringS[r]
                        d[c] += ringS[r]
                        let row = r * width
                        for k in 0..<width { d[k] += beta * ringD[row + k] }
                    }
                }
                var s = v
                if v < lower[t] {
                    s = lower[t]
                    for k in 0..<width { d[k] = 0 }
                } else if v > upper[t] {
                    if v.isInfinite {
                        s = upper[t] + 1000
                        for k in 0..<width { d[k] = 0 }
                    } else {
                        s = upper[t] + log(v / upper[t])
                        for k in 0..<width { d[k] /= v }
                    }
                }
                let (value, dS, dE) = density.logDensity(e, s, shapeGradient: shapeGradient.baseAddress!)
                total += value
                for k in 0..<width { gradient[k] += dS * d[k] }
                if hasMean { gradient[0] -= dE }
                ringE[slot] = e
                ringS[slot] = s
                let row = slot * width
                for k in 0..<width { ringD[row + k] = d[k] }
                slot += 1
                if slot == lags { slot = 0 }
            }
            for k in 0..<D.shapeCount { gradient[width + k] = shapeGradient[k] }
        }}}}}}}}
        return total
    }
}

import BarbellQuant
import Foundation

/// What one scaled forward-backward pass returns: the log-likelihood, the smoothed posteriors
/// `γ` (n × k row-major) and the summed expected transitions `Σ_t ξ_t` (k × k).
struct HMMForwardBackward {
    var logLikelihood: Double
    var posteriors: [Double]
    var transitionCounts: [Double]
}

extension HMMKernel {
    /// Log emission densities of every observation (n × k), row by row through ``logDensity``.
    func logDensities(_ x: HMMObservations) -> [Double] {
        var out = [Double](repeating: 0, count: x.count * k)
        var work = [Double](repeating: 0, count: d)
        x.values.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                work.withUnsafeMutableBufferPointer { w in
                    for t in 0..<x.count { logDensity(xs.baseAddress! + t * d, o.baseAddress! + t * k, w.baseAddress!) }
                }
            }
        }
        return out
    }

    /// The scaled forward pass: filtered probabilities (n × k), the scaled densities
    /// `exp(log b − max_t)` left in `b`, the per-step log normalisers in `logScale` and, when
    /// given, the normalisers of the shifted densities in `scale`.
    /// - Throws: `.nonFinite` when some observation has zero probability under the model.
    func forward(_ b: inout [Double], n: Int, alpha: inout [Double], logScale: inout [Double],
                 scale: UnsafeMutablePointer<Double>? = nil) throws {
        var bad = -1
        var sc = 0.0
        b.withUnsafeMutableBufferPointer { bb in
            alpha.withUnsafeMutableBufferPointer { al in
                for t in 0..<n {
                    let prev: UnsafePointer<Double>? = t == 0 ? nil : UnsafePointer(al.baseAddress! + (t - 1) * k)
                    let c = forwardStep(previous: prev, b: bb.baseAddress! + t * k, alpha: al.baseAddress! + t * k, scale: &sc)
                    scale?[t] = sc
                    logScale[t] = c
                    if !c.isFinite { bad = t; return }
                }
            }
        }
        if bad >= 0 {
            throw RegimeError(.nonFinite, "observation \(bad) has zero probability under every reachable state")
        }
    }

    /// Forward-backward in scaled space (Rabiner's per-step normalisation): the log-likelihood is
    /// the sum of the log normalisers; `γ_t ∝ α̂_t β̂_t` is renormalised per row as hmmlearn does.
    func forwardBackward(_ x: HMMObservations, wantTransitions: Bool) throws -> HMMForwardBackward {
        let n = x.count
        var b = logDensities(x)
        var alpha = [Double](repeating: 0, count: n * k)
        var logScale = [Double](repeating: 0, count: n)
        // Normalisers c_t of the shifted densities: dividing β̂ by them keeps it O(1).
        var scale = [Double](repeating: 0, count: n)
        try scale.withUnsafeMutableBufferPointer { try forward(&b, n: n, alpha: &alpha, logScale: &logScale, scale: $0.baseAddress!) }
        var beta = [Double](repeating: 1, count: n * k)
        var xi = [Double](repeating: 0, count: k * k)
        var gamma = [Double](repeating: 0, count: n * k)
        var ll = 0.0
        for t in 0..<n { ll += logScale[t] }
        var tmp = [Double](repeating: 0, count: k)
        b.withUnsafeBufferPointer { bb in
        alpha.withUnsafeBufferPointer { al in
        beta.withUnsafeMutableBufferPointer { be in
        trans.withUnsafeBufferPointer { a in
        xi.withUnsafeMutableBufferPointer { xs in
        tmp.withUnsafeMutableBufferPointer { w in
        scale.withUnsafeBufferPointer { sc in
            if n >= 2 {
                for t in stride(from: n - 2, through: 0, by: -1) {
                    let inv = 1 / sc[t + 1]
                    for j in 0..<k { w[j] = bb[(t + 1) * k + j] * be[(t + 1) * k + j] * inv }
                    for i in 0..<k {
                        var s = 0.0
                        for j in 0..<k { s += a[i * k + j] * w[j] }
                        be[t * k + i] = s
                    }
                    if wantTransitions {
                        for i in 0..<k {
                            let ai = al[t * k + i]
                            for j in 0..<k { xs[i * k + j] += ai * a[i * k + j] * w[j] }
                        }
                    }
                }
            }
        }}}}}}}
        alpha.withUnsafeBufferPointer { al in
            beta.withUnsafeBufferPointer { be in
                gamma.withUnsafeMutableBufferPointer { g in
                    for t in 0..<n {
                        var s = 0.0
                        for j in 0..<k { let v = al[t * k + j] * be[t * k + j]; g[t * k + j] = v; s += v }
                        for j in 0..<k { g[t * k + j] /= s }
                    }
                }
            }
        }
        return HMMForwardBackward(logLikelihood: ll, posteriors: gamma, transitionCounts: xi)
    }
}

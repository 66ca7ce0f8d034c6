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
    /// Log emission densities of every observation (n × k), the arithmetic of ``logDensity``.
    func logDensities(_ x: HMMObservations) -> [Double] {
        var out = [Double](repeating: 0, count: x.count * k)
        var work = [Double](repeating: 0, count: d)
        x.values.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                work.withUnsafeMutableBufferPointer { w in
                    logDensities(xs.baseAddress!, o.baseAddress!, n: x.count, w.baseAddress!)
                }
            }
        }
        return out
    }

    /// Forward-backward in scaled space (Rabiner's per-step normalisation): the log-likelihood is
    /// the sum of the log normalisers; `γ_t ∝ α̂_t β̂_t` is renormalised per row as hmmlearn does.
    func forwardBackward(_ x: HMMObservations, wantTransitions: Bool) throws -> HMMForwardBackward {
        var w = HMMWorkspace(n: x.count, k: k, d: d)
        let ll = try forwardBackward(x, wantTransitions: wantTransitions, into: &w)
        return HMMForwardBackward(logLikelihood: ll, posteriors: w.gamma, transitionCounts: w.xi)
    }

    /// Forward-backward into reused buffers (Baum-Welch calls it once per iteration: fresh n × k
    /// arrays each time cost more in page faults than the recursions themselves). Returns the
    /// log-likelihood; the posteriors are left in `w.gamma`, the transition counts in `w.xi`.
    func forwardBackward(_ x: HMMObservations, wantTransitions: Bool, into w: inout HMMWorkspace) throws -> Double {
        let n = x.count
        precondition(w.n == n && w.k == k && w.d == d, "workspace shape")
        x.values.withUnsafeBufferPointer { xs in
            w.b.withUnsafeMutableBufferPointer { o in
                w.work.withUnsafeMutableBufferPointer { wk in
                    logDensities(xs.baseAddress!, o.baseAddress!, n: n, wk.baseAddress!)
                }
            }
        }
        return try chain.smooth(into: &w, wantTransitions: wantTransitions)
    }
}

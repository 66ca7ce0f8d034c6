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

    /// The scaled forward pass: filtered probabilities (n × k), the scaled densities
    /// `exp(log b − max_t)` left in `b`, the per-step log normalisers in `logScale` and, when
    /// given, the normalisers of the shifted densities in `scale`.
    /// - Throws: `.nonFinite` when some observation has zero probability under the model.
    func forward(_ b: inout [Double], n: Int, alpha: inout [Double], logScale: inout [Double],
                 scale: UnsafeMutablePointer<Double>? = nil) throws {
        var bad = -1
        var sc = 0.0
        let k = k
        b.withUnsafeMutableBufferPointer { bb in
        alpha.withUnsafeMutableBufferPointer { al in
        logScale.withUnsafeMutableBufferPointer { ls in
        trans.withUnsafeBufferPointer { a in
        start.withUnsafeBufferPointer { s0 in
            var bRow = bb.baseAddress!, aRow = al.baseAddress!
            var prev: UnsafePointer<Double>? = nil
            for t in 0..<n {
                let c = Self.forwardStep(k: k, a: a.baseAddress!, start: s0.baseAddress!, previous: prev,
                                         b: bRow, alpha: aRow, scale: &sc)
                scale?[t] = sc
                ls[t] = c
                if !c.isFinite { bad = t; return }
                prev = UnsafePointer(aRow)
                bRow += k
                aRow += k
            }
        }}}}}
        if bad >= 0 {
            throw RegimeError(.nonFinite, "observation \(bad) has zero probability under every reachable state")
        }
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
        let kk = k
        x.values.withUnsafeBufferPointer { xs in
            w.b.withUnsafeMutableBufferPointer { o in
                w.work.withUnsafeMutableBufferPointer { wk in
                    logDensities(xs.baseAddress!, o.baseAddress!, n: n, wk.baseAddress!)
                }
            }
        }
        try w.scale.withUnsafeMutableBufferPointer { sc in
            try forward(&w.b, n: n, alpha: &w.alpha, logScale: &w.logScale, scale: sc.baseAddress!)
        }
        var ll = 0.0
        for t in 0..<n { ll += w.logScale[t] }
        let k = kk
        w.b.withUnsafeBufferPointer { bb in
        w.alpha.withUnsafeBufferPointer { al in
        w.beta.withUnsafeMutableBufferPointer { be in
        trans.withUnsafeBufferPointer { a in
        w.xi.withUnsafeMutableBufferPointer { xs in
        w.tmp.withUnsafeMutableBufferPointer { tw in
        w.scale.withUnsafeBufferPointer { sc in
        w.gamma.withUnsafeMutableBufferPointer { g in
            // Row pointers rather than t * k + j indexing: the overflow-checked index arithmetic
            // cost more than the arithmetic of these short (k-wide) loops.
            let a = a.baseAddress!, xs = xs.baseAddress!, tw = tw.baseAddress!
            for j in 0..<k * k { xs[j] = 0 }
            for j in 0..<k { be[(n - 1) * k + j] = 1 }
            if n >= 2 {
                var t = n - 2
                while t >= 0 {
                    let inv = 1 / sc[t + 1]
                    let bNext = bb.baseAddress! + (t + 1) * k, beNext = be.baseAddress! + (t + 1) * k
                    let beNow = be.baseAddress! + t * k, alNow = al.baseAddress! + t * k
                    for j in 0..<k { tw[j] = bNext[j] * beNext[j] * inv }
                    var row = a
                    for i in 0..<k {
                        var s = 0.0
                        for j in 0..<k { s += row[j] * tw[j] }
                        beNow[i] = s
                        row += k
                    }
                    if wantTransitions {
                        row = a
                        var xrow = xs
                        for i in 0..<k {
                            let ai = alNow[i]
                            for j in 0..<k { xrow[j] += ai * row[j] * tw[j] }
                            row += k
                            xrow += k
                        }
                    }
                    t -= 1
                }
            }
            var alRow = al.baseAddress!, beRow = UnsafePointer(be.baseAddress!), gRow = g.baseAddress!
            for _ in 0..<n {
                var s = 0.0
                for j in 0..<k { let v = alRow[j] * beRow[j]; gRow[j] = v; s += v }
                let r = 1 / s   // one division per row, not k
                for j in 0..<k { gRow[j] *= r }
                alRow += k; beRow += k; gRow += k
            }
        }}}}}}}}
        return ll
    }
}

/// Buffers of one forward-backward pass, allocated once per fit and reused every iteration.
struct HMMWorkspace {
    let n: Int, k: Int, d: Int
    var b: [Double], alpha: [Double], beta: [Double], gamma: [Double]
    var logScale: [Double], scale: [Double]
    var xi: [Double], tmp: [Double], work: [Double]

    init(n: Int, k: Int, d: Int) {
        self.n = n; self.k = k; self.d = d
        b = [Double](repeating: 0, count: n * k)
        alpha = b; beta = b; gamma = b
        logScale = [Double](repeating: 0, count: n)
        scale = logScale
        xi = [Double](repeating: 0, count: k * k)
        tmp = [Double](repeating: 0, count: k)
        work = [Double](repeating: 0, count: d)
    }
}

import BarbellQuant
import Foundation

extension HMMChain {
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

    /// Forward-backward over the log densities already in `w.b` (n × k; overwritten with the
    /// scaled densities). Returns the log-likelihood; the posteriors are left in `w.gamma`, the
    /// summed transition counts in `w.xi`.
    func smooth(into w: inout HMMWorkspace, wantTransitions: Bool) throws -> Double {
        let n = w.n, kk = k
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

import BarbellQuant
import Foundation

extension HMMKernel {
    /// The Gaussian forward-backward pass over `x` in `w`, calling `body(t, γ_t)` with each
    /// smoothed posterior from the last step to the first, and accumulating the expected
    /// transitions into `w.xiLanes` when asked. Returns the log-likelihood.
    /// - Throws: `.nonFinite` for an observation no reachable state can emit.
    @inline(__always)
    func smooth(_ x: HMMObservations, into w: inout HMMWorkspace, wantTransitions: Bool, exactRows: Bool,
                _ body: (Int, UnsafePointer<StateLanes>) -> Void) throws -> Double {
        let n = x.count
        precondition(w.n == n && w.k == k && w.d == d, "workspace shape")
        var scale = HMMLogScale()
        let mass = try forward(x, into: &w, scale: &scale)
        for i in w.xiLanes.indices { w.xiLanes[i] = .zero }
        w.e.withUnsafeBufferPointer { e in
        w.alpha.withUnsafeBufferPointer { a in
        w.multipliers.withUnsafeBufferPointer { m in
        w.xiLanes.withUnsafeMutableBufferPointer { xi in
        w.work.withUnsafeMutableBufferPointer { wk in
            chain.backward(e: e.baseAddress!, alpha: a.baseAddress!, multipliers: m.baseAddress!, n: n,
                           transitions: wantTransitions ? xi.baseAddress! : nil, work: wk.baseAddress!,
                           exactRows: exactRows, body)
        }}}}}
        if wantTransitions { w.xi = chain.transitionCounts(w.xiLanes, steps: n - 1) }
        return scale.logLikelihood(mass: mass)
    }

    /// One E-step of Baum-Welch: the log-likelihood, the sufficient statistics in `statistics`
    /// and the expected transitions in `w.xi`.
    func expectation(_ x: HMMObservations, into w: inout HMMWorkspace, statistics: inout GaussianHMMStatistics) throws -> Double {
        statistics.reset()
        let d = d, chunks = chunks, outer = statistics.outer
        return try x.values.withUnsafeBufferPointer { xs in
        try statistics.mass.withUnsafeMutableBufferPointer { mass in
        try statistics.first.withUnsafeMutableBufferPointer { first in
        try statistics.sums.withUnsafeMutableBufferPointer { sums in
        try statistics.squares.withUnsafeMutableBufferPointer { squares in
            let xp = xs.baseAddress!, mp = mass.baseAddress!, sp = sums.baseAddress!, qp = squares.baseAddress!
            let fp = first.baseAddress!
            return try smooth(x, into: &w, wantTransitions: true, exactRows: false) { t, g in
                GaussianHMMStatistics.add(xp + t * d, g, d: d, chunks: chunks, outer: outer, mass: mp, sums: sp, squares: qp)
                if t == 0 { for c in 0..<chunks { fp[c] = g[c] } }
            }
        }}}}}
    }

    /// Smoothed posteriors (n × k, row-major) and the log-likelihood.
    func posteriors(_ x: HMMObservations) throws -> (posteriors: [Double], logLikelihood: Double) {
        var w = HMMWorkspace(n: x.count, k: k, d: d, rowOutputs: false)
        var out = [Double](repeating: 0, count: x.count * k)
        let k = k
        let ll = try out.withUnsafeMutableBufferPointer { o in
            let op = o.baseAddress!
            return try smooth(x, into: &w, wantTransitions: false, exactRows: true) { t, g in
                for s in 0..<k { op[t * k + s] = g[s >> 2][s & 3] }
            }
        }
        return (out, ll)
    }

    /// Filtered probabilities (n × k, row-major) and the log-likelihood: the forward pass alone.
    func filter(_ x: HMMObservations) throws -> (probabilities: [Double], logLikelihood: Double) {
        var w = HMMWorkspace(n: x.count, k: k, d: d, rowOutputs: false)
        var scale = HMMLogScale()
        let mass = try forward(x, into: &w, scale: &scale)
        return (chain.filteredRows(w.alpha, n: x.count), scale.logLikelihood(mass: mass))
    }

    /// The forward pass over `x` with the Gaussian densities computed step by step.
    @inline(__always)
    func forward(_ x: HMMObservations, into w: inout HMMWorkspace, scale: inout HMMLogScale) throws -> Double {
        precondition(w.n == x.count && w.k == k, "workspace shape")
        let d = d, chunks = chunks, full = full
        var work = [StateLanes](repeating: .zero, count: max(d, 1) * chunks)
        return try x.values.withUnsafeBufferPointer { xs in
        try meanLanes.withUnsafeBufferPointer { mb in
        try factorLanes.withUnsafeBufferPointer { fb in
        try logNormLanes.withUnsafeBufferPointer { nb in
        try work.withUnsafeMutableBufferPointer { wk in
            let source = GaussianDensities(x: xs.baseAddress!, d: d, chunks: chunks, full: full, means: mb.baseAddress!,
                                           factors: fb.baseAddress!, norms: nb.baseAddress!, work: wk.baseAddress!)
            return try chain.forward(&w, scale: &scale, density: source)
        }}}}}
    }
}

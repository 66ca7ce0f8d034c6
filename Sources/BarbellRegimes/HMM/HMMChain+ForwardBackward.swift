import BarbellQuant
import Foundation

extension HMMChain {
    /// The forward pass: at each step `density.scaledDensity(t, into: e_t)` writes the scaled densities of
    /// observation `t` into `e_t` (chunks lanes of `e`, n × chunks) and returns their shift;
    /// then the recursion step. Computing the densities inside the loop lets the processor
    /// overlap them (independent work) with the recursion's dependency chain. Rescaled `α` go to
    /// `alpha`, each step's multiplier to `multipliers`, the shifts and exponents to `scale`.
    /// Returns the last step's mass `Σ α_{n−1}` (for ``HMMLogScale/logLikelihood(mass:)``).
    /// - Throws: `.nonFinite` naming the first observation no reachable state can emit.
    @inline(__always)
    func forward(n: Int, e: UnsafeMutablePointer<StateLanes>, alpha: UnsafeMutablePointer<StateLanes>,
                 multipliers: UnsafeMutablePointer<Double>, scale: inout HMMLogScale,
                 density: some HMMDensitySource) throws -> Double {
        let k = k, chunks = chunks
        var exponent = scale.exponent, shift = scale.shift
        var bad = -1
        rowLanes.withUnsafeBufferPointer { rows in
        startLanes.withUnsafeBufferPointer { s0 in
            var eRow = e, aRow = alpha
            var previous: UnsafePointer<StateLanes>? = nil
            for t in 0..<n {
                shift += density.scaledDensity(t, into: eRow)
                let m = Self.forwardStep(k: k, chunks: chunks, rows: rows.baseAddress!, start: s0.baseAddress!,
                                         previous: previous, e: eRow, alpha: aRow, exponent: &exponent)
                if m == 0 { bad = t - 1; return }
                multipliers[t] = m
                previous = UnsafePointer(aRow)
                eRow += chunks
                aRow += chunks
            }
        }}
        let mass = n > 0 ? Self.mass(alpha + (n - 1) * chunks, chunks: chunks) : 1
        if bad < 0 && !(mass > 0 && mass.isFinite) { bad = n - 1 }
        if bad >= 0 {
            throw RegimeError(.nonFinite, "observation \(bad) has zero probability under every reachable state")
        }
        scale.shift = shift
        scale.exponent = exponent
        return mass
    }

    /// ``forward(n:e:alpha:multipliers:scale:density:)`` into a workspace's buffers.
    @inline(__always)
    func forward(_ w: inout HMMWorkspace, scale: inout HMMLogScale,
                 density: some HMMDensitySource) throws -> Double {
        let n = w.n
        return try w.e.withUnsafeMutableBufferPointer { e in
            try w.alpha.withUnsafeMutableBufferPointer { a in
                try w.multipliers.withUnsafeMutableBufferPointer { m in
                    try forward(n: n, e: e.baseAddress!, alpha: a.baseAddress!, multipliers: m.baseAddress!,
                                scale: &scale, density: density)
                }
            }
        }
    }

    /// The backward pass after ``forward(n:e:alpha:multipliers:scale:density:)``, from the last step to
    /// the first: `β_{t−1} = A (e_t ⊙ β_t) m_t` with the forward pass's multipliers, so that
    /// `Σ_j α_t(j) β_t(j)` is the same constant at every `t`. Calls `body(t, γ_t)` with the
    /// smoothed posterior of each step and, when
    /// `transitions` is given, adds `α_{t−1}(i) A_ij e_t(j) β_t(j) m_t` into it (k × chunks):
    /// the expected transition counts times that constant, which the M-step's row normalisation
    /// removes. `work` holds at least 4 × chunks lanes. With `exactRows` each posterior is
    /// divided by its own sum, as hmmlearn does, so rows sum to 1 to rounding; without, every row
    /// is divided by the one constant `Σ_j α_{n−1}(j)` that all rows share in exact arithmetic
    /// (their sums then drift from 1 by rounding accumulated over the pass, about 1e-13 over
    /// 100,000 steps), which spares the fit a division per step.
    @inline(__always)
    func backward(e: UnsafePointer<StateLanes>, alpha: UnsafePointer<StateLanes>, multipliers: UnsafePointer<Double>,
                  n: Int, transitions: UnsafeMutablePointer<StateLanes>?, work: UnsafeMutablePointer<StateLanes>,
                  exactRows: Bool = true, _ body: (Int, UnsafePointer<StateLanes>) -> Void) {
        let k = k, chunks = chunks
        if chunks == 1 {
            backwardInRegisters(e: e, alpha: alpha, multipliers: multipliers, n: n, transitions: transitions, work: work,
                                exactRows: exactRows, body)
            return
        }
        var beta = work, next = work + chunks
        let tw = work + 2 * chunks, g = work + 3 * chunks
        for c in 0..<chunks { beta[c] = StateLanes(repeating: 1) }
        rowLanes.withUnsafeBufferPointer { rb in
        columnLanes.withUnsafeBufferPointer { cb in
            let rows = rb.baseAddress!, columns = cb.baseAddress!
            let shared = 1 / Self.mass(alpha + (n - 1) * chunks, chunks: chunks)
            var t = n - 1
            while t >= 0 {
                let aNow = alpha + t * chunks
                for c in 0..<chunks { g[c] = aNow[c] * beta[c] }
                let r = exactRows ? 1 / Self.mass(UnsafePointer(g), chunks: chunks) : shared
                for c in 0..<chunks { g[c] *= r }
                body(t, UnsafePointer(g))
                if t == 0 { break }
                let m = multipliers[t], eNow = e + t * chunks
                for c in 0..<chunks { tw[c] = eNow[c] * beta[c] * m }
                for c in 0..<chunks { next[c] = .zero }
                var column = columns
                for j in 0..<k {
                    let w = tw[j >> 2][j & 3]
                    for c in 0..<chunks { next[c] += w * column[c] }
                    column += chunks
                }
                if let xi = transitions {
                    let aPrev = alpha + (t - 1) * chunks
                    var row = rows, xrow = xi
                    for i in 0..<k {
                        let ai = aPrev[i >> 2][i & 3]
                        for c in 0..<chunks { xrow[c] += ai * (row[c] * tw[c]) }
                        row += chunks
                        xrow += chunks
                    }
                }
                swap(&beta, &next)
                t -= 1
            }
        }}
    }

    /// ``backward(e:alpha:multipliers:n:transitions:work:_:)`` for up to four states, with β, the
    /// transition rows and columns and the expected-transition accumulators held in registers.
    @inline(__always)
    private func backwardInRegisters(e: UnsafePointer<StateLanes>, alpha: UnsafePointer<StateLanes>,
                                     multipliers: UnsafePointer<Double>, n: Int,
                                     transitions: UnsafeMutablePointer<StateLanes>?, work: UnsafeMutablePointer<StateLanes>,
                                     exactRows: Bool, _ body: (Int, UnsafePointer<StateLanes>) -> Void) {
        let k = k
        func lanes(_ a: [StateLanes], _ i: Int) -> StateLanes { i < k ? a[i] : .zero }
        let r0 = lanes(rowLanes, 0), r1 = lanes(rowLanes, 1), r2 = lanes(rowLanes, 2), r3 = lanes(rowLanes, 3)
        let c0 = lanes(columnLanes, 0), c1 = lanes(columnLanes, 1), c2 = lanes(columnLanes, 2), c3 = lanes(columnLanes, 3)
        var x0 = StateLanes.zero, x1 = StateLanes.zero, x2 = StateLanes.zero, x3 = StateLanes.zero
        let wantTransitions = transitions != nil
        var beta = StateLanes(repeating: 1)
        let shared = 1 / alpha[n - 1].laneSum
        var t = n - 1
        while t >= 0 {
            var g = alpha[t] * beta
            g *= exactRows ? 1 / g.laneSum : shared
            work[0] = g
            body(t, UnsafePointer(work))
            if t == 0 { break }
            let tw = e[t] * beta * multipliers[t]
            // The branches on k take the same way every step: they cost less than the products
            // with the zero rows and columns of unused states.
            var next = tw[0] * c0
            if k > 1 { next += tw[1] * c1 }
            if k > 2 {
                var high = tw[2] * c2
                if k > 3 { high += tw[3] * c3 }
                next += high
            }
            if wantTransitions {
                let a = alpha[t - 1]
                x0 += a[0] * (r0 * tw)
                if k > 1 { x1 += a[1] * (r1 * tw) }
                if k > 2 { x2 += a[2] * (r2 * tw) }
                if k > 3 { x3 += a[3] * (r3 * tw) }
            }
            beta = next
            t -= 1
        }
        if let xi = transitions {
            let all = [x0, x1, x2, x3]
            for i in 0..<k { xi[i] += all[i] }
        }
    }

    /// Forward-backward over row-major log densities already in `w.b` (n × k), for emission
    /// models that compute their densities outside the lanes. Returns the log-likelihood; the
    /// posteriors are left in `w.gamma` (n × k), the expected transition counts in `w.xi` (k × k).
    /// - Throws: `.nonFinite` for an observation no reachable state can emit.
    func smooth(into w: inout HMMWorkspace, wantTransitions: Bool) throws -> Double {
        precondition(w.k == k && w.b.count == w.n * k && w.gamma.count == w.n * k, "workspace shape")
        let n = w.n, k = k
        var scale = HMMLogScale()
        let densities = w.b   // shares the buffer; held apart from the inout workspace below
        let mass = try densities.withUnsafeBufferPointer { b in
            let bp = b.baseAddress!
            return try forward(&w, scale: &scale, density: RowDensities(logDensities: bp, k: k))
        }
        for i in w.xiLanes.indices { w.xiLanes[i] = .zero }
        w.e.withUnsafeBufferPointer { e in
        w.alpha.withUnsafeBufferPointer { a in
        w.multipliers.withUnsafeBufferPointer { m in
        w.xiLanes.withUnsafeMutableBufferPointer { xi in
        w.work.withUnsafeMutableBufferPointer { wk in
        w.gamma.withUnsafeMutableBufferPointer { gamma in
            backward(e: e.baseAddress!, alpha: a.baseAddress!, multipliers: m.baseAddress!, n: n,
                     transitions: wantTransitions ? xi.baseAddress! : nil, work: wk.baseAddress!) { t, g in
                let out = gamma.baseAddress! + t * k
                for s in 0..<k { out[s] = g[s >> 2][s & 3] }
            }
        }}}}}}
        w.xi = transitionCounts(w.xiLanes, steps: wantTransitions ? n - 1 : 0)
        return scale.logLikelihood(mass: mass)
    }

    /// Filtered probabilities P(state at t | observations up to t) (n × k) and the
    /// log-likelihood, from row-major log densities (n × k).
    /// - Throws: `.nonFinite` for an observation no reachable state can emit.
    func filter(logDensities b: [Double], n: Int) throws -> (probabilities: [Double], logLikelihood: Double) {
        var w = HMMWorkspace(n: n, k: k, d: 0, rowOutputs: false)
        var scale = HMMLogScale()
        let k = k
        let mass = try b.withUnsafeBufferPointer { b in
            let bp = b.baseAddress!
            return try forward(&w, scale: &scale, density: RowDensities(logDensities: bp, k: k))
        }
        return (filteredRows(w.alpha, n: n), scale.logLikelihood(mass: mass))
    }

    /// Normalised filtered probabilities (n × k) from rescaled `α` lanes: each row divided by
    /// its mass, the arithmetic ``HMMOnlineFilter`` uses.
    func filteredRows(_ alpha: [StateLanes], n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * k)
        alpha.withUnsafeBufferPointer { a in
            for t in 0..<n {
                let p = Self.normalised(a.baseAddress! + t * chunks, k: k)
                for s in 0..<k { out[t * k + s] = p[s] }
            }
        }
        return out
    }

    /// One rescaled `α` (chunks lanes) as probabilities over the k states: each divided by the
    /// mass, the arithmetic of both the batch filter and ``HMMOnlineFilter``.
    static func normalised(_ alpha: UnsafePointer<StateLanes>, k: Int) -> [Double] {
        let mass = mass(alpha, chunks: laneChunks(k))
        return (0..<k).map { alpha[$0 >> 2][$0 & 3] / mass }
    }

    /// Row-major log densities of one observation (k) → scaled densities in lanes
    /// `exp(log b − max)`, padding lanes 0. Returns the shift `max`.
    @inline(__always)
    static func scaledDensities(_ logB: UnsafePointer<Double>, k: Int, into e: UnsafeMutablePointer<StateLanes>) -> Double {
        let chunks = laneChunks(k)
        var top = -Double.infinity
        for s in 0..<k where logB[s] > top { top = logB[s] }
        for c in 0..<chunks {
            var lane = StateLanes(repeating: -.infinity)
            for l in 0..<4 where c * 4 + l < k { lane[l] = logB[c * 4 + l] }
            e[c] = top.isFinite ? laneExp(lane - top) : .zero
        }
        return top.isFinite ? top : 0
    }

    /// The k × k expected transition counts out of the lanes accumulator. The accumulator
    /// carries each `ξ_t` times the constant `Σ_j α_t(j) β_t(j)`; dividing by its total over the
    /// `steps` transitions makes each `ξ_t` sum to 1, as the textbook recursion's do.
    func transitionCounts(_ lanes: [StateLanes], steps: Int) -> [Double] {
        var out = [Double](repeating: 0, count: k * k)
        var total = 0.0
        for i in 0..<k { for j in 0..<k { out[i * k + j] = lanes[i * chunks + (j >> 2)][j & 3]; total += out[i * k + j] } }
        guard steps > 0, total > 0 else { return out }
        let f = Double(steps) / total
        return out.map { $0 * f }
    }
}

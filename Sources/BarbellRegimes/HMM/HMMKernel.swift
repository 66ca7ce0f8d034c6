import Foundation

/// A Gaussian HMM's parameters prepared for the recursions: the chain, and the emission
/// constants (inverse variances or Cholesky factors, log normalisers) computed once per parameter
/// set and laid out as ``StateLanes`` so one pass evaluates four states.
struct HMMKernel: Sendable {
    let k: Int
    let d: Int
    let chunks: Int
    let chain: HMMChain
    let full: Bool
    /// d × chunks: feature i's mean, lanes over states.
    let meanLanes: [StateLanes]
    /// full: d × d × chunks, the lower Cholesky factor with `1 / L_ii` on the diagonal;
    /// diag/spherical: d × chunks inverse variances. Padding lanes 0.
    let factorLanes: [StateLanes]
    /// chunks: `−½ (d log 2π + log det Σ)` per state, −∞ in the padding lanes.
    let logNormLanes: [StateLanes]

    init(_ m: GaussianHMM) {
        let d = m.dimension
        k = m.stateCount
        self.d = d
        chunks = laneChunks(k)
        chain = HMMChain(start: m.startProbabilities, transitions: m.transitionMatrix)
        full = m.covarianceType == .full || m.covarianceType == .tied
        let log2pi = Double(d) * log(2 * Double.pi)
        var factors = [[Double]](repeating: [], count: k)   // per state, the factorLanes entries
        var norms = [Double]()
        for s in 0..<k {
            let c = m.covariances[s].flatMap { $0 }
            if full {
                // hmmlearn retries with 1e-7 on the diagonal when the factorisation fails; the
                // model's init already guarantees positive definiteness, so this is a safety net.
                var l = choleskyLower(c, d) ?? choleskyLower(addDiagonal(c, d, 1e-7), d) ?? identityFactor(d)
                var logDet = 0.0
                for i in 0..<d {
                    logDet += log(l[i * d + i])
                    l[i * d + i] = 1 / l[i * d + i]
                }
                factors[s] = l
                norms.append(-0.5 * (log2pi + 2 * logDet))
            } else {
                var logDet = 0.0
                var inverses = [Double]()
                for i in 0..<d {
                    let v = max(c[i * d + i], Double.leastNormalMagnitude)
                    logDet += log(v)
                    inverses.append(1 / v)
                }
                factors[s] = inverses
                norms.append(-0.5 * (log2pi + logDet))
            }
        }
        meanLanes = (0..<d).flatMap { i in packedLanes(m.means.map { $0[i] }, padding: 0) }
        let entries = full ? d * d : d
        factorLanes = (0..<entries).flatMap { e in packedLanes(factors.map { $0[e] }, padding: 0) }
        logNormLanes = packedLanes(norms, padding: -.infinity)
    }

    /// Log emission densities of one observation `x` (d values) under every state, into `out`
    /// (chunks lanes, −∞ in the padding). `work` holds d × chunks lanes.
    @inline(__always)
    static func logDensity(_ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<StateLanes>, d: Int, chunks: Int,
                           full: Bool, means: UnsafePointer<StateLanes>, factors: UnsafePointer<StateLanes>,
                           norms: UnsafePointer<StateLanes>, work: UnsafeMutablePointer<StateLanes>) {
        for c in 0..<chunks {
            var q = StateLanes.zero
            if full {
                // Forward substitution L z = x − μ, then q = |z|², four states at a time.
                for i in 0..<d {
                    var t = x[i] - means[i * chunks + c]
                    let row = factors + (i * d) * chunks + c
                    for j in 0..<i { t -= row[j * chunks] * work[j] }
                    let z = t * row[i * chunks]
                    work[i] = z
                    q += z * z
                }
            } else {
                for i in 0..<d {
                    let r = x[i] - means[i * chunks + c]
                    q += r * r * factors[i * chunks + c]
                }
            }
            out[c] = norms[c] - 0.5 * q
        }
    }

    /// Scaled densities `exp(log b − shift)` of one observation into `e` (chunks lanes), with the
    /// shift `max_s log b(s)` returned. The batch pass and the online filter both call this.
    @inline(__always)
    static func scaledDensity(_ x: UnsafePointer<Double>, into e: UnsafeMutablePointer<StateLanes>, d: Int, chunks: Int,
                              full: Bool, means: UnsafePointer<StateLanes>, factors: UnsafePointer<StateLanes>,
                              norms: UnsafePointer<StateLanes>, work: UnsafeMutablePointer<StateLanes>) -> Double {
        if chunks == 1 {
            // Up to four states, the usual regime model: one register per quantity, no loops
            // over chunks and no index arithmetic (the general path's bookkeeping cost more
            // than its arithmetic).
            var q = StateLanes.zero
            if full {
                var row = factors
                for i in 0..<d {
                    var t = x[i] - means[i]
                    for j in 0..<i { t -= row[j] * work[j] }
                    let z = t * row[i]
                    work[i] = z
                    q += z * z
                    row += d
                }
            } else {
                for i in 0..<d {
                    let r = x[i] - means[i]
                    q += r * r * factors[i]
                }
            }
            let lb = norms[0] - 0.5 * q
            let top = lb.laneMax
            e[0] = laneExp(lb - top)
            return top
        }
        logDensity(x, into: e, d: d, chunks: chunks, full: full, means: means, factors: factors, norms: norms, work: work)
        var top = -Double.infinity
        for c in 0..<chunks { top = max(top, e[c].laneMax) }
        for c in 0..<chunks { e[c] = laneExp(e[c] - top) }
        return top
    }

    /// ``scaledDensity(_:into:d:chunks:full:means:factors:norms:work:)`` of one observation with
    /// the parameter buffers opened here (the online filter's step; the batch pass goes through
    /// ``GaussianDensities``). Returns the shift.
    func scaledDensity(_ x: UnsafePointer<Double>, into e: UnsafeMutablePointer<StateLanes>, work: UnsafeMutablePointer<StateLanes>) -> Double {
        let d = d, chunks = chunks, full = full
        return meanLanes.withUnsafeBufferPointer { mb in
            factorLanes.withUnsafeBufferPointer { fb in
                logNormLanes.withUnsafeBufferPointer { nb in
                    Self.scaledDensity(x, into: e, d: d, chunks: chunks, full: full, means: mb.baseAddress!,
                                       factors: fb.baseAddress!, norms: nb.baseAddress!, work: work)
                }
            }
        }
    }

    /// Row-major log densities of every observation (n × k), for Viterbi.
    func logDensities(_ x: HMMObservations) -> [Double] {
        var out = [Double](repeating: 0, count: x.count * k)
        var lanes = [StateLanes](repeating: .zero, count: chunks)
        var work = [StateLanes](repeating: .zero, count: max(d, 1) * chunks)
        let d = d, chunks = chunks, full = full, k = k
        x.values.withUnsafeBufferPointer { xs in
        meanLanes.withUnsafeBufferPointer { mb in
        factorLanes.withUnsafeBufferPointer { fb in
        logNormLanes.withUnsafeBufferPointer { nb in
        lanes.withUnsafeMutableBufferPointer { lb in
        work.withUnsafeMutableBufferPointer { wb in
            for t in 0..<x.count {
                Self.logDensity(xs.baseAddress! + t * d, into: lb.baseAddress!, d: d, chunks: chunks, full: full,
                                means: mb.baseAddress!, factors: fb.baseAddress!, norms: nb.baseAddress!, work: wb.baseAddress!)
                for s in 0..<k { out[t * k + s] = lb[s >> 2][s & 3] }
            }
        }}}}}}
        return out
    }
}

func addDiagonal(_ a: [Double], _ d: Int, _ v: Double) -> [Double] {
    var r = a
    for i in 0..<d { r[i * d + i] += v }
    return r
}

func identityFactor(_ d: Int) -> [Double] {
    var r = [Double](repeating: 0, count: d * d)
    for i in 0..<d { r[i * d + i] = 1 }
    return r
}

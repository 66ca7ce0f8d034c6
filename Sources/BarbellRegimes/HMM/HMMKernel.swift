import Foundation

/// The model's parameters prepared for the recursions: flat arrays, the emission constants
/// (inverse variances or Cholesky factors and log-determinants) computed once per parameter set.
struct HMMKernel: Sendable {
    let k: Int
    let d: Int
    let chain: HMMChain
    let means: [Double]   // k × d
    let full: Bool
    let factors: [Double] // full: k × d × d lower Cholesky factors; diag/spherical: k × d variances
    let logNorm: [Double] // per state: −½ (d log 2π + log det Σ)

    init(_ m: GaussianHMM) {
        k = m.stateCount
        d = m.dimension
        chain = HMMChain(start: m.startProbabilities, transitions: m.transitionMatrix)
        means = m.means.flatMap { $0 }
        full = m.covarianceType == .full || m.covarianceType == .tied
        let log2pi = Double(d) * log(2 * Double.pi)
        var f = [Double](), n = [Double]()
        for s in 0..<k {
            let c = m.covariances[s].flatMap { $0 }
            if full {
                // hmmlearn retries with 1e-7 on the diagonal when the factorisation fails; the
                // model's init already guarantees positive definiteness, so this is a safety net.
                let l = choleskyLower(c, d) ?? choleskyLower(addDiagonal(c, d, 1e-7), d) ?? identityFactor(d)
                f += l
                var logDet = 0.0
                for i in 0..<d { logDet += log(l[i * d + i]) }
                n.append(-0.5 * (log2pi + 2 * logDet))
            } else {
                var logDet = 0.0
                for i in 0..<d {
                    let v = max(c[i * d + i], Double.leastNormalMagnitude)
                    f.append(v)
                    logDet += log(v)
                }
                n.append(-0.5 * (log2pi + logDet))
            }
        }
        factors = f
        logNorm = n
    }

    /// Log emission densities of one observation `x` (d values) under every state, into `out` (k).
    @inline(__always)
    func logDensity(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, _ work: UnsafeMutablePointer<Double>) {
        factors.withUnsafeBufferPointer { f in
            means.withUnsafeBufferPointer { mu in
                for s in 0..<k {
                    var q = 0.0
                    if full {
                        // Forward substitution L z = x − μ, then q = |z|².
                        let l = f.baseAddress! + s * d * d
                        for i in 0..<d {
                            var t = x[i] - mu[s * d + i]
                            for j in 0..<i { t -= l[i * d + j] * work[j] }
                            let z = t / l[i * d + i]
                            work[i] = z
                            q += z * z
                        }
                    } else {
                        for i in 0..<d {
                            let r = x[i] - mu[s * d + i]
                            q += r * r / f[s * d + i]
                        }
                    }
                    out[s] = logNorm[s] - 0.5 * q
                }
            }
        }
    }

    /// ``logDensity(_:_:_:)`` for `n` consecutive observations, with the parameter buffers opened
    /// once rather than per row (the same arithmetic in the same order, so bit-identical).
    func logDensities(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, n: Int, _ work: UnsafeMutablePointer<Double>) {
        let k = k, d = d, full = full
        factors.withUnsafeBufferPointer { fb in
        means.withUnsafeBufferPointer { mb in
        logNorm.withUnsafeBufferPointer { nb in
            let f = fb.baseAddress!, mu = mb.baseAddress!, ln = nb.baseAddress!
            var xr = x, o = out
            for _ in 0..<n {
                var m = mu, fs = f
                for s in 0..<k {
                    var q = 0.0
                    if full {
                        for i in 0..<d {
                            var t = xr[i] - m[i]
                            for j in 0..<i { t -= fs[i * d + j] * work[j] }
                            let z = t / fs[i * d + i]
                            work[i] = z
                            q += z * z
                        }
                        fs += d * d
                    } else {
                        for i in 0..<d {
                            let r = xr[i] - m[i]
                            q += r * r / fs[i]
                        }
                        fs += d
                    }
                    o[s] = ln[s] - 0.5 * q
                    m += d
                }
                xr += d
                o += k
            }
        }}}
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

import Foundation

/// One parameter set prepared for the E-step: flat means, Cholesky factors (full, tied) or
/// variances (diag, spherical), and per component the constant `log w − ½(d log 2π + log det Σ)`,
/// all computed once per EM iteration so the per-row loop only does arithmetic.
struct MixtureKernel: Sendable {
    let k: Int
    let d: Int
    let full: Bool
    let means: [Double]     // k × d
    let factors: [Double]   // full: k × d × d lower Cholesky factors; diag/spherical: k × d variances
    let constants: [Double] // k

    init(_ p: MixtureParameters) {
        k = p.k
        d = p.d
        means = p.means
        full = p.type == .full || p.type == .tied
        let d = p.d
        let log2pi = Double(d) * log(2 * Double.pi)
        var f = [Double](), c = [Double]()
        f.reserveCapacity(full ? k * d * d : k * d)
        for s in 0..<k {
            let cov = Array(p.covariances[(s * d * d)..<((s + 1) * d * d)])
            var logDet = 0.0
            if full {
                // The M-step and the model's init guarantee positive definiteness; identity is an
                // unreachable safety net, not a silent repair.
                let l = choleskyLower(cov, d) ?? identityFactor(d)
                f += l
                for i in 0..<d { logDet += 2 * log(l[i * d + i]) }
            } else {
                for i in 0..<d {
                    let v = max(cov[i * d + i], Double.leastNormalMagnitude)
                    f.append(v)
                    logDet += log(v)
                }
            }
            // A zero weight gives −∞: the component can take no responsibility.
            c.append(log(p.weights[s]) - 0.5 * (log2pi + logDet))
        }
        factors = f
        constants = c
    }

    /// Weighted log densities `log w_s + log N(x_t; μ_s, Σ_s)` of `n` rows into `out` (`n × k`).
    /// `work` holds `d` scratch values (the whitened residual of a full covariance).
    func weightedLogDensities(_ x: UnsafePointer<Double>, n: Int, _ out: UnsafeMutablePointer<Double>,
                              _ work: UnsafeMutablePointer<Double>) {
        let k = k, d = d, full = full
        factors.withUnsafeBufferPointer { fb in
        means.withUnsafeBufferPointer { mb in
        constants.withUnsafeBufferPointer { cb in
            let f = fb.baseAddress!, mu = mb.baseAddress!, c = cb.baseAddress!
            var xr = x, o = out
            for _ in 0..<n {
                var m = mu, fs = f
                for s in 0..<k {
                    let q = squaredMahalanobis(xr, mean: m, factor: fs, d: d, full: full, work: work)
                    fs += full ? d * d : d
                    o[s] = c[s] - 0.5 * q
                    m += d
                }
                xr += d
                o += k
            }
        }}}
    }

    /// The E-step over `n` rows: responsibilities into `resp` (`n × k`, each row normalised by
    /// log-sum-exp, as scikit-learn's `_estimate_log_prob_resp`), each row's log-likelihood into
    /// `rowLogLikelihood` when given; returns the total log-likelihood (−∞ or NaN when a row is
    /// impossible under every component).
    func expectation(_ x: UnsafePointer<Double>, n: Int, _ resp: UnsafeMutablePointer<Double>,
                     rowLogLikelihood: UnsafeMutablePointer<Double>? = nil) -> Double {
        let k = k
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(d, 1)) { work in
            weightedLogDensities(x, n: n, resp, work.baseAddress!)
            var total = 0.0
            var r = resp
            for t in 0..<n {
                var top = r[0]
                for s in 1..<k where r[s] > top { top = r[s] }
                var sum = 0.0
                for s in 0..<k { sum += exp(r[s] - top) }
                let lse = top + log(sum)
                for s in 0..<k { r[s] = exp(r[s] - lse) }
                rowLogLikelihood?[t] = lse
                total += lse
                r += k
            }
            return total
        }
    }
}

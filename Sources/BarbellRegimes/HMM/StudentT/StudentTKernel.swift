import BarbellQuant
import Foundation

/// A ``StudentTHMM``'s parameters prepared for the recursions: flat means, Cholesky factors (full,
/// tied) or variances (diag, spherical) of the scales, and per state the constant of the log
/// density. Its log densities go into an ``HMMWorkspace`` for ``HMMChain`` — the recursions are
/// not repeated here.
struct StudentTKernel: Sendable {
    let k: Int
    let d: Int
    let chain: HMMChain
    let means: [Double]     // k × d
    let full: Bool
    let factors: [Double]   // full: k × d × d lower Cholesky factors; diag/spherical: k × d variances
    let nu: [Double]        // k
    let exponent: [Double]  // per state (ν + d)/2
    let logNorm: [Double]   // per state log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ) − ½ log det Σ

    init(_ m: StudentTHMM) {
        k = m.stateCount
        d = m.dimension
        chain = HMMChain(start: m.startProbabilities, transitions: m.transitionMatrix)
        means = m.means.flatMap { $0 }
        full = m.covarianceType == .full || m.covarianceType == .tied
        nu = m.degreesOfFreedom
        let dd = Double(d)
        var f = [Double](), c = [Double]()
        for s in 0..<k {
            let a = m.scales[s].flatMap { $0 }
            var halfLogDet = 0.0
            if full {
                // The model's init guarantees positive definiteness; identity is a safety net only.
                let l = choleskyLower(a, d) ?? identityFactor(d)
                f += l
                for i in 0..<d { halfLogDet += log(l[i * d + i]) }
            } else {
                for i in 0..<d {
                    let v = max(a[i * d + i], Double.leastNormalMagnitude)
                    f.append(v)
                    halfLogDet += 0.5 * log(v)
                }
            }
            let v = nu[s]
            c.append(SpecialFunctions.logGammaRatio(v / 2, plus: dd / 2) - 0.5 * dd * log(v * Double.pi) - halfLogDet)
        }
        factors = f
        logNorm = c
        exponent = nu.map { ($0 + dd) / 2 }
    }

    /// Squared Mahalanobis distances `δ_s = (x − μ_s)ᵀ Σ_s⁻¹ (x − μ_s)` of one observation to every
    /// state (into `delta`, k values) and its log densities
    /// `logNorm_s − (ν_s + d)/2 · log1p(δ_s/ν_s)` (into `out`). The batch pass and the online
    /// filter both call this, so their densities agree bit for bit.
    @inline(__always)
    static func row(_ x: UnsafePointer<Double>, k: Int, d: Int, full: Bool, means: UnsafePointer<Double>,
                    factors: UnsafePointer<Double>, nu: UnsafePointer<Double>, exponent: UnsafePointer<Double>,
                    logNorm: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>,
                    work: UnsafeMutablePointer<Double>) {
        var m = means, fs = factors
        for s in 0..<k {
            let q = squaredMahalanobis(x, mean: m, factor: fs, d: d, full: full, work: work)
            fs += full ? d * d : d
            delta[s] = q
            out[s] = logNorm[s] - exponent[s] * log1p(q / nu[s])
            m += d
        }
    }

    /// ``row(_:k:d:full:means:factors:nu:exponent:logNorm:delta:out:work:)`` for `n` consecutive
    /// observations: distances into `delta` and log densities into `out` (both n × k).
    func logDensities(_ x: UnsafePointer<Double>, n: Int, delta: UnsafeMutablePointer<Double>,
                      out: UnsafeMutablePointer<Double>, work: UnsafeMutablePointer<Double>) {
        let k = k, d = d, full = full
        means.withUnsafeBufferPointer { mb in
        factors.withUnsafeBufferPointer { fb in
        nu.withUnsafeBufferPointer { nb in
        exponent.withUnsafeBufferPointer { eb in
        logNorm.withUnsafeBufferPointer { lb in
            var xr = x, dr = delta, o = out
            for _ in 0..<n {
                Self.row(xr, k: k, d: d, full: full, means: mb.baseAddress!, factors: fb.baseAddress!, nu: nb.baseAddress!,
                         exponent: eb.baseAddress!, logNorm: lb.baseAddress!, delta: dr, out: o, work: work)
                xr += d
                dr += k
                o += k
            }
        }}}}}
    }

    /// Log densities of one observation under every state (the online filter's step).
    func logDensity(_ x: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>,
                    work: UnsafeMutablePointer<Double>) {
        logDensities(x, n: 1, delta: delta, out: out, work: work)
    }

    /// Log densities of every observation (n × k) into `w.b` and the distances into `delta`
    /// (resized to n × k), ready for ``HMMChain/smooth(into:wantTransitions:)``.
    func fill(_ x: HMMObservations, _ w: inout HMMWorkspace, delta: inout [Double]) {
        precondition(w.n == x.count && w.k == k && w.d == d, "workspace shape")
        if delta.count != x.count * k { delta = [Double](repeating: 0, count: x.count * k) }
        let n = x.count
        var work = [Double](repeating: 0, count: max(d, 1))
        x.values.withUnsafeBufferPointer { xs in
        w.b.withUnsafeMutableBufferPointer { o in
        work.withUnsafeMutableBufferPointer { wk in
        delta.withUnsafeMutableBufferPointer { dl in
            logDensities(xs.baseAddress!, n: n, delta: dl.baseAddress!, out: o.baseAddress!, work: wk.baseAddress!)
        }}}}
    }
}

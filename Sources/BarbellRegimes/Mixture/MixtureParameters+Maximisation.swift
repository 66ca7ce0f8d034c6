import BarbellQuant

extension MixtureParameters {
    /// scikit-learn's M-step (`_estimate_gaussian_parameters`) from responsibilities `resp`
    /// (`n × k`): `n_k = Σ_t γ_tk + 10ε`, weights `n_k / Σ n_k`, means `Σ_t γ_tk x_t / n_k`, and
    /// covariances `Σ_t γ_tk (x_t − μ_k)(x_t − μ_k)ᵀ / n_k` plus `regularisation` on the diagonal
    /// (only the diagonal for diag; its mean for spherical; tied pools the scatter of all
    /// components over `Σ n_k`).
    ///
    /// Every covariance type is computed from centred residuals, two passes over the data, where
    /// scikit-learn expands diag and tied as `E[x²] − μ²` — the same quantity, without the
    /// cancellation of the expanded form on data far from zero.
    ///
    /// Collapse is reported in `floors` and handled, never returned as NaN: a component with less
    /// than one observation's worth of responsibility (`.noMass`); a variance that fell below the
    /// regularisation, so the floor rather than the data sets its width (`.varianceFloor`); and a
    /// covariance that rounding left not positive definite even after the regularisation (where
    /// scikit-learn raises) gets 10, 100, … times the regularisation on its diagonal until it
    /// factorises (`.varianceFloor`).
    static func estimated(type: HMMCovarianceType, k: Int, x: HMMObservations, resp: [Double], regularisation reg: Double,
                          iteration: Int, floors: inout [MixtureComponentFloor]) -> MixtureParameters {
        let n = x.count, d = x.dimension
        var mass = [Double](repeating: 0, count: k)
        var means = [Double](repeating: 0, count: k * d)
        var scatter = [Double](repeating: 0, count: k * d * d)
        let outer = type == .full || type == .tied
        x.values.withUnsafeBufferPointer { xb in
        resp.withUnsafeBufferPointer { gb in
        mass.withUnsafeMutableBufferPointer { mb in
        means.withUnsafeMutableBufferPointer { mub in
        scatter.withUnsafeMutableBufferPointer { sb in
            let x0 = xb.baseAddress!, g0 = gb.baseAddress!, mass = mb.baseAddress!, mu = mub.baseAddress!, sc = sb.baseAddress!
            // Pass 1: Σγ and Σγx.
            var xr = x0, gr = g0
            for _ in 0..<n {
                for s in 0..<k {
                    let w = gr[s]
                    mass[s] += w
                    let m = mu + s * d
                    for i in 0..<d { m[i] += w * xr[i] }
                }
                xr += d
                gr += k
            }
            for s in 0..<k {
                let nk = mass[s] + 10 * Double.ulpOfOne
                for i in 0..<d { mu[s * d + i] /= nk }
            }
            // Pass 2: the weighted scatter around the new means (lower triangle, or diagonal only).
            withUnsafeTemporaryAllocation(of: Double.self, capacity: d) { diffBuffer in
                let diff = diffBuffer.baseAddress!
                xr = x0
                gr = g0
                for _ in 0..<n {
                    for s in 0..<k {
                        let w = gr[s]
                        let m = mu + s * d, out = sc + s * d * d
                        for i in 0..<d { diff[i] = xr[i] - m[i] }
                        if outer {
                            for i in 0..<d {
                                let wi = w * diff[i]
                                for j in 0...i { out[i * d + j] += wi * diff[j] }
                            }
                        } else {
                            for i in 0..<d { out[i * d + i] += w * diff[i] * diff[i] }
                        }
                    }
                    xr += d
                    gr += k
                }
            }
        }}}}}
        let nk = mass.map { $0 + 10 * Double.ulpOfOne }
        let totalMass = nk.reduce(0, +)
        var cov = [Double](repeating: 0, count: k * d * d)
        var collapsed = [Bool](repeating: false, count: k)
        for s in 0..<k where mass[s] < 1 {
            floors.append(MixtureComponentFloor(iteration: iteration, component: s, reason: .noMass))
        }
        switch type {
        case .full:
            for s in 0..<k {
                for i in 0..<d {
                    for j in 0...i {
                        let v = scatter[(s * d + i) * d + j] / nk[s]
                        cov[(s * d + i) * d + j] = v
                        cov[(s * d + j) * d + i] = v
                    }
                    if cov[(s * d + i) * d + i] < reg { collapsed[s] = true }
                    cov[(s * d + i) * d + i] += reg
                }
            }
        case .diag:
            for s in 0..<k {
                for i in 0..<d {
                    let v = scatter[(s * d + i) * d + i] / nk[s]
                    if v < reg { collapsed[s] = true }
                    cov[(s * d + i) * d + i] = v + reg
                }
            }
        case .spherical:
            for s in 0..<k {
                var v = 0.0
                for i in 0..<d { v += scatter[(s * d + i) * d + i] / nk[s] }
                v /= Double(d)
                if v < reg { collapsed[s] = true }
                for i in 0..<d { cov[(s * d + i) * d + i] = v + reg }
            }
        case .tied:
            var pooled = [Double](repeating: 0, count: d * d)
            for i in 0..<d {
                for j in 0...i {
                    var v = 0.0
                    for s in 0..<k { v += scatter[(s * d + i) * d + j] }
                    v /= totalMass
                    pooled[i * d + j] = v
                    pooled[j * d + i] = v
                }
                if pooled[i * d + i] < reg { collapsed = [Bool](repeating: true, count: k) }
                pooled[i * d + i] += reg
            }
            for s in 0..<k { cov.replaceSubrange((s * d * d)..<((s + 1) * d * d), with: pooled) }
        }
        if outer {
            // Rounding can leave a (near-)singular scatter indefinite even after the regularisation.
            for s in 0..<k {
                var c = Array(cov[(s * d * d)..<((s + 1) * d * d)])
                var bump = reg
                while choleskyLower(c, d) == nil {
                    collapsed[s] = true
                    bump *= 10
                    // Overflowing data (no finite scatter) restarts from the floor itself.
                    guard bump < 1e300, c.allSatisfy(\.isFinite) else { c = identityFactor(d).map { $0 * reg }; break }
                    for i in 0..<d { c[i * d + i] += bump }
                }
                cov.replaceSubrange((s * d * d)..<((s + 1) * d * d), with: c)
            }
        }
        for s in 0..<k where collapsed[s] {
            floors.append(MixtureComponentFloor(iteration: iteration, component: s, reason: .varianceFloor))
        }
        return MixtureParameters(type: type, k: k, d: d, weights: nk.map { $0 / totalMass }, means: means, covariances: cov)
    }
}

/// Squared Mahalanobis distance `(x − μ)ᵀ Σ⁻¹ (x − μ)` of one observation (d values) for one
/// state: by forward substitution `L z = x − μ` with the lower Cholesky factor (`full`, d × d
/// row-major), or from the variances (`d` values) of a diagonal covariance. `work` holds `d`
/// scratch values (the whitened residual). Shared by the Student-t and mixture kernels, so the
/// distance is computed one way; the Gaussian HMM's lane kernel does the same four states at a time.
@inline(__always)
func squaredMahalanobis(_ x: UnsafePointer<Double>, mean: UnsafePointer<Double>, factor: UnsafePointer<Double>,
                        d: Int, full: Bool, work: UnsafeMutablePointer<Double>) -> Double {
    var q = 0.0
    if full {
        for i in 0..<d {
            var t = x[i] - mean[i]
            for j in 0..<i { t -= factor[i * d + j] * work[j] }
            let z = t / factor[i * d + i]
            work[i] = z
            q += z * z
        }
    } else {
        for i in 0..<d {
            let r = x[i] - mean[i]
            q += r * r / factor[i]
        }
    }
    return q
}

/// Where the forward pass gets each observation's scaled densities `exp(log b_t − shift_t)`.
///
/// A protocol rather than a closure so the pass is specialised for each source and the density
/// arithmetic inlined into the recursion's loop (a closure call per step cost more than the step).
protocol HMMDensitySource {
    /// Writes observation `t`'s scaled densities into `e` (chunks lanes, zero in the padding)
    /// and returns the shift.
    func scaledDensity(_ t: Int, into e: UnsafeMutablePointer<StateLanes>) -> Double
}

/// Densities given as row-major log densities (n × k), for emission models that compute them
/// outside the lanes.
struct RowDensities: HMMDensitySource {
    let logDensities: UnsafePointer<Double>
    let k: Int

    @inline(__always)
    func scaledDensity(_ t: Int, into e: UnsafeMutablePointer<StateLanes>) -> Double {
        HMMChain.scaledDensities(logDensities + t * k, k: k, into: e)
    }
}

/// A Gaussian HMM's densities of row-major observations, from an ``HMMKernel``'s lanes.
struct GaussianDensities: HMMDensitySource {
    let x: UnsafePointer<Double>
    let d: Int, chunks: Int, full: Bool
    let means: UnsafePointer<StateLanes>, factors: UnsafePointer<StateLanes>, norms: UnsafePointer<StateLanes>
    let work: UnsafeMutablePointer<StateLanes>

    @inline(__always)
    func scaledDensity(_ t: Int, into e: UnsafeMutablePointer<StateLanes>) -> Double {
        HMMKernel.scaledDensity(x + t * d, into: e, d: d, chunks: chunks, full: full, means: means,
                                factors: factors, norms: norms, work: work)
    }
}

/// Buffers of the forward-backward passes, allocated once per fit and reused every iteration
/// (fresh n × k arrays each iteration cost more in page faults than the recursions themselves).
struct HMMWorkspace {
    let n: Int, k: Int, d: Int, chunks: Int
    /// Scaled densities `exp(log b_t − shift_t)`, n × chunks.
    var e: [StateLanes]
    /// Forward variables rescaled by powers of two, n × chunks.
    var alpha: [StateLanes]
    /// The power of two applied at each step, n.
    var multipliers: [Double]
    /// Expected transitions `Σ_t ξ_t` up to one constant factor, k × chunks (row i, lanes over j).
    var xiLanes: [StateLanes]
    /// Recursion scratch: β, the next β, the weighted densities, γ (chunks each), then d
    /// chunks for the emission's substitution.
    var work: [StateLanes]
    /// Log densities (n × k, row-major) for emission models that compute them outside the
    /// lanes (``HMMChain/smooth(into:wantTransitions:)``).
    var b: [Double]
    /// Smoothed posteriors (n × k, row-major) from ``HMMChain/smooth(into:wantTransitions:)``.
    var gamma: [Double]
    /// Expected transitions `Σ_t ξ_t` (k × k, row-major) from ``HMMChain/smooth(into:wantTransitions:)``.
    var xi: [Double]

    /// - Parameter rowOutputs: also allocate the n × k `b` and `gamma` buffers (the Gaussian fit
    ///   works on lanes alone and skips them).
    init(n: Int, k: Int, d: Int, rowOutputs: Bool = true) {
        self.n = n; self.k = k; self.d = d
        chunks = laneChunks(k)
        e = [StateLanes](repeating: .zero, count: n * chunks)
        alpha = e
        multipliers = [Double](repeating: 1, count: n)
        xiLanes = [StateLanes](repeating: .zero, count: k * chunks)
        work = [StateLanes](repeating: .zero, count: (4 + d) * chunks)
        b = [Double](repeating: 0, count: rowOutputs ? n * k : 0)
        gamma = b
        xi = [Double](repeating: 0, count: k * k)
    }
}

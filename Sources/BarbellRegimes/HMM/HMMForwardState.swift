/// The forward recursion's state between bars, shared by the online filters of every emission
/// model: the rescaled `α` of the last bar and the log-likelihood pieces. Each advance runs the
/// batch pass's own step (``HMMChain/forwardStep(previous:e:alpha:exponent:)``) on the bar's
/// scaled densities, so a filter fed bar by bar equals the batch filter bit for bit.
struct HMMForwardState: Sendable {
    private(set) var alpha: [StateLanes]
    private var next: [StateLanes]
    /// The scaled densities of the bar being folded in (chunks lanes), written by the caller.
    var e: [StateLanes]
    private(set) var scale = HMMLogScale()
    /// Bars folded in so far.
    private(set) var count = 0

    init(k: Int) {
        alpha = [StateLanes](repeating: .zero, count: laneChunks(k))
        next = alpha
        e = alpha
    }

    /// Folds in the bar whose scaled densities are in ``e`` and whose shift is `shift`. Returns
    /// the normalised state probabilities and the log-likelihood so far, or nil (the state left
    /// unchanged) when no reachable state can emit the bar.
    mutating func advance(_ chain: HMMChain, shift: Double) -> (probabilities: [Double], logLikelihood: Double)? {
        var exponent = scale.exponent
        let first = count == 0
        var mass = 0.0
        var probabilities = [Double]()
        e.withUnsafeBufferPointer { eb in
            next.withUnsafeMutableBufferPointer { nx in
                alpha.withUnsafeBufferPointer { a in
                    _ = chain.forwardStep(previous: first ? nil : a.baseAddress!, e: eb.baseAddress!,
                                          alpha: nx.baseAddress!, exponent: &exponent)
                    mass = HMMChain.mass(nx.baseAddress!, chunks: chain.chunks)
                    if mass > 0 && mass.isFinite { probabilities = HMMChain.normalised(nx.baseAddress!, k: chain.k) }
                }
            }
        }
        guard mass > 0, mass.isFinite else { return nil }
        swap(&alpha, &next)
        scale.shift += shift
        scale.exponent = exponent
        count += 1
        return (probabilities, scale.logLikelihood(mass: mass))
    }
}

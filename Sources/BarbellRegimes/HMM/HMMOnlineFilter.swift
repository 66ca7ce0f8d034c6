import BarbellQuant

/// Live regime probabilities: the scaled forward recursion of a ``GaussianHMM`` advanced one bar
/// at a time. After `t` updates ``probabilities`` equals row `t − 1` of
/// ``GaussianHMM/filteredProbabilities(_:)`` bit for bit (the same code computes both), and
/// ``logLikelihood`` the score of the bars seen so far.
public struct HMMOnlineFilter: Sendable {
    /// The model being filtered.
    public let model: GaussianHMM
    /// P(state | bars so far); the start probabilities before the first update.
    public private(set) var probabilities: [Double]
    /// Log-likelihood of the bars seen so far.
    public private(set) var logLikelihood: Double = 0
    /// Bars seen so far.
    public private(set) var count = 0
    private let kernel: HMMKernel
    private var scale = HMMLogScale()
    private var alpha: [StateLanes]
    private var next: [StateLanes]
    private var e: [StateLanes]
    private var work: [StateLanes]

    /// A filter at the start of a sequence.
    public init(model: GaussianHMM) {
        self.model = model
        kernel = HMMKernel(model)
        probabilities = model.startProbabilities
        alpha = [StateLanes](repeating: .zero, count: kernel.chunks)
        next = alpha
        e = alpha
        work = [StateLanes](repeating: .zero, count: max(model.dimension, 1) * kernel.chunks)
    }

    /// Folds in one observation and returns the updated state probabilities.
    /// - Throws: `.shapeMismatch` for the wrong feature count, `.nonFinite` for NaN/infinity or an
    ///   observation impossible under the model (the filter is then left unchanged).
    @discardableResult
    public mutating func update(_ observation: [Double]) throws -> [Double] {
        guard observation.count == model.dimension else {
            throw RegimeError(.shapeMismatch, "observation: \(observation.count) features, the model expects \(model.dimension)")
        }
        for (j, v) in observation.enumerated() where !v.isFinite {
            throw RegimeError(.nonFinite, "observation[\(j)] = \(v): expected a finite value")
        }
        let kernel = self.kernel
        let first = count == 0
        var exponent = scale.exponent
        var shift = 0.0
        var mass = 0.0
        var probabilities = [Double]()
        observation.withUnsafeBufferPointer { x in
            e.withUnsafeMutableBufferPointer { eb in
                work.withUnsafeMutableBufferPointer { w in
                    next.withUnsafeMutableBufferPointer { nx in
                        alpha.withUnsafeBufferPointer { a in
                            shift = kernel.scaledDensity(x.baseAddress!, into: eb.baseAddress!, work: w.baseAddress!)
                            _ = kernel.chain.forwardStep(previous: first ? nil : a.baseAddress!, e: eb.baseAddress!,
                                                         alpha: nx.baseAddress!, exponent: &exponent)
                            mass = HMMChain.mass(nx.baseAddress!, chunks: kernel.chunks)
                            if mass > 0 && mass.isFinite { probabilities = HMMChain.normalised(nx.baseAddress!, k: kernel.k) }
                        }
                    }
                }
            }
        }
        guard mass > 0, mass.isFinite else {
            throw RegimeError(.nonFinite, "observation \(count) has zero probability under every reachable state")
        }
        swap(&alpha, &next)
        scale.shift += shift
        scale.exponent = exponent
        self.probabilities = probabilities
        logLikelihood = scale.logLikelihood(mass: mass)
        count += 1
        return probabilities
    }
}

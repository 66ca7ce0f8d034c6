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
    private var state: HMMForwardState
    private var work: [StateLanes]

    /// A filter at the start of a sequence.
    public init(model: GaussianHMM) {
        self.model = model
        kernel = HMMKernel(model)
        probabilities = model.startProbabilities
        state = HMMForwardState(k: model.stateCount)
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
        let shift = observation.withUnsafeBufferPointer { x in
            state.e.withUnsafeMutableBufferPointer { e in
                work.withUnsafeMutableBufferPointer { w in
                    kernel.scaledDensity(x.baseAddress!, into: e.baseAddress!, work: w.baseAddress!)
                }
            }
        }
        guard let step = state.advance(kernel.chain, shift: shift) else {
            throw RegimeError(.nonFinite, "observation \(count) has zero probability under every reachable state")
        }
        probabilities = step.probabilities
        logLikelihood = step.logLikelihood
        count += 1
        return probabilities
    }
}

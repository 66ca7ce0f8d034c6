import BarbellQuant

/// Live regime probabilities under a ``StudentTHMM``: the scaled forward recursion
/// (``HMMChain``'s step) advanced one bar at a time. After `t` updates ``probabilities`` equals
/// row `t − 1` of ``StudentTHMM/filteredProbabilities(_:)`` bit for bit (the same per-row density
/// code and the same chain step compute both), and ``logLikelihood`` the score of the bars so far.
public struct StudentTHMMOnlineFilter: Sendable {
    /// The model being filtered.
    public let model: StudentTHMM
    /// P(state | bars so far); the start probabilities before the first update.
    public private(set) var probabilities: [Double]
    /// Log-likelihood of the bars seen so far.
    public private(set) var logLikelihood: Double = 0
    /// Bars seen so far.
    public private(set) var count = 0
    private let kernel: StudentTKernel
    private var state: HMMForwardState
    private var b: [Double]
    private var delta: [Double]
    private var work: [Double]

    /// A filter at the start of a sequence.
    public init(model: StudentTHMM) {
        self.model = model
        kernel = StudentTKernel(model)
        probabilities = model.startProbabilities
        b = [Double](repeating: 0, count: model.stateCount)
        delta = b
        state = HMMForwardState(k: model.stateCount)
        work = [Double](repeating: 0, count: model.dimension)
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
        let k = model.stateCount
        let shift = observation.withUnsafeBufferPointer { x in
        b.withUnsafeMutableBufferPointer { bb in
        delta.withUnsafeMutableBufferPointer { dl in
        work.withUnsafeMutableBufferPointer { w in
        state.e.withUnsafeMutableBufferPointer { e in
            kernel.logDensity(x.baseAddress!, delta: dl.baseAddress!, out: bb.baseAddress!, work: w.baseAddress!)
            return HMMChain.scaledDensities(bb.baseAddress!, k: k, into: e.baseAddress!)
        }}}}}
        guard let step = state.advance(kernel.chain, shift: shift) else {
            throw RegimeError(.nonFinite, "observation \(count) has zero probability under every reachable state")
        }
        probabilities = step.probabilities
        logLikelihood = step.logLikelihood
        count += 1
        return probabilities
    }
}

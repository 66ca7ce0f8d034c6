import Foundation

/// The Markov-chain half of an HMM: start probabilities and transitions, with the scaled
/// forward-backward recursions over log emission densities. Every emission model (Gaussian,
/// Student-t) computes its log densities and hands them here, so the recursions exist once.
struct HMMChain: Sendable {
    let k: Int
    let start: [Double]
    let trans: [Double]   // k × k row-major

    init(start: [Double], transitions: [[Double]]) {
        k = start.count
        self.start = start
        trans = transitions.flatMap { $0 }
    }

    /// One step of the scaled forward recursion, shared by the batch pass and the online filter
    /// so both give bit-identical filtered probabilities. On entry `b` holds the log densities;
    /// on exit it holds `exp(log b − max)`, `alpha` the normalised filtered probabilities.
    /// Returns the step's log-likelihood increment, or −∞ when no state can emit `x`; `scale`
    /// receives the normaliser of the shifted densities (what the backward pass divides by).
    @inline(__always)
    func forwardStep(previous: UnsafePointer<Double>?, b: UnsafeMutablePointer<Double>,
                     alpha: UnsafeMutablePointer<Double>, scale: inout Double) -> Double {
        trans.withUnsafeBufferPointer { a in
            start.withUnsafeBufferPointer { s0 in
                Self.forwardStep(k: k, a: a.baseAddress!, start: s0.baseAddress!, previous: previous, b: b, alpha: alpha, scale: &scale)
            }
        }
    }

    /// ``forwardStep(previous:b:alpha:scale:)`` on raw transition and start pointers, so the batch
    /// pass opens the parameter buffers once for all steps.
    @inline(__always)
    static func forwardStep(k: Int, a: UnsafePointer<Double>, start: UnsafePointer<Double>, previous: UnsafePointer<Double>?,
                            b: UnsafeMutablePointer<Double>, alpha: UnsafeMutablePointer<Double>, scale: inout Double) -> Double {
        var top = -Double.infinity
        for j in 0..<k where b[j] > top { top = b[j] }
        guard top.isFinite else { return -.infinity }
        for j in 0..<k { b[j] = exp(b[j] - top) }
        if let p = previous {
            for j in 0..<k { alpha[j] = 0 }
            var row = a
            for i in 0..<k {
                let pi = p[i]
                for j in 0..<k { alpha[j] += pi * row[j] }
                row += k
            }
            for j in 0..<k { alpha[j] *= b[j] }
        } else {
            for j in 0..<k { alpha[j] = start[j] * b[j] }
        }
        var c = 0.0
        for j in 0..<k { c += alpha[j] }
        scale = c
        guard c > 0 else { return -.infinity }
        let r = 1 / c   // one division per step, not k
        for j in 0..<k { alpha[j] *= r }
        return log(c) + top
    }
}

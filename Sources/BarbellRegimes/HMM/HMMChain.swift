import Foundation

/// The Markov-chain half of an HMM: start probabilities and transitions, with the scaled
/// forward-backward recursions over emission densities. Every emission model (Gaussian,
/// Student-t) computes its densities and hands them here, so the recursions exist once.
///
/// The recursions run over ``StateLanes`` (four states per SIMD register); the transition matrix
/// is kept both by rows (the forward pass and the expected transitions) and by columns (the
/// backward pass), each padded to whole chunks with zeros.
struct HMMChain: Sendable {
    let k: Int
    /// Chunks of ``StateLanes`` per state vector.
    let chunks: Int
    let start: [Double]
    let trans: [Double]               // k × k row-major
    let startLanes: [StateLanes]      // chunks
    let rowLanes: [StateLanes]        // k × chunks: row i, lanes over the next state j
    let columnLanes: [StateLanes]     // k × chunks: column j, lanes over the previous state i

    init(start: [Double], transitions: [[Double]]) {
        k = start.count
        chunks = laneChunks(k)
        self.start = start
        trans = transitions.flatMap { $0 }
        startLanes = packedLanes(start, padding: 0)
        rowLanes = transitions.flatMap { packedLanes($0, padding: 0) }
        columnLanes = (0..<k).flatMap { j in packedLanes(transitions.map { $0[j] }, padding: 0) }
    }

    /// One step of the forward recursion, shared by the batch pass and the online filter so both
    /// give bit-identical probabilities: `α_t = (Aᵀ α_{t−1}) ⊙ e_t · m_t`, or `π ⊙ e_0` at the
    /// first step. The multiplier `m_t` is the power of two that brings the previous mass
    /// `Σ α_{t−1}` into [1, 2); its exponent is added to `exponent`. A power of two is exact and
    /// needs neither a division nor a logarithm, and taking it from the previous step's mass
    /// keeps it off the step-to-step dependency chain (it is found while the matrix-vector
    /// product runs), so the masses stay within [2^−1022·…, 2] without slowing the recursion.
    /// Returns `m_t`, or 0 when the previous observation had zero probability.
    @inline(__always)
    func forwardStep(previous: UnsafePointer<StateLanes>?, e: UnsafePointer<StateLanes>,
                     alpha: UnsafeMutablePointer<StateLanes>, exponent: inout Int) -> Double {
        rowLanes.withUnsafeBufferPointer { rows in
            startLanes.withUnsafeBufferPointer { s0 in
                Self.forwardStep(k: k, chunks: chunks, rows: rows.baseAddress!, start: s0.baseAddress!,
                                 previous: previous, e: e, alpha: alpha, exponent: &exponent)
            }
        }
    }

    /// ``forwardStep(previous:e:alpha:exponent:)`` on raw parameter pointers, so the batch pass
    /// opens the parameter buffers once for all steps.
    @inline(__always)
    static func forwardStep(k: Int, chunks: Int, rows: UnsafePointer<StateLanes>, start: UnsafePointer<StateLanes>,
                            previous: UnsafePointer<StateLanes>?, e: UnsafePointer<StateLanes>,
                            alpha: UnsafeMutablePointer<StateLanes>, exponent: inout Int) -> Double {
        guard let p = previous else {
            for c in 0..<chunks { alpha[c] = start[c] * e[c] }
            return 1
        }
        let multiplier = rescale(mass(p, chunks: chunks), exponent: &exponent)
        if multiplier == 0 { return 0 }
        if chunks == 1 {
            // Up to four states, in registers; the branches on k are the same every step.
            let pv = p[0]
            var low: StateLanes = pv[0] * rows[0]
            if k > 1 { low += pv[1] * rows[1] }
            if k > 2 {
                var high: StateLanes = pv[2] * rows[2]
                if k > 3 { high += pv[3] * rows[3] }
                low += high
            }
            let weight: StateLanes = e[0] * multiplier
            alpha[0] = low * weight
            return multiplier
        }
        for c in 0..<chunks { alpha[c] = .zero }
        var row = rows
        for i in 0..<k {
            let pi = p[i >> 2][i & 3]
            for c in 0..<chunks { alpha[c] += pi * row[c] }
            row += chunks
        }
        for c in 0..<chunks { alpha[c] *= e[c] * multiplier }
        return multiplier
    }

    /// `Σ α` over the chunks, in a fixed order.
    @inline(__always)
    static func mass(_ alpha: UnsafePointer<StateLanes>, chunks: Int) -> Double {
        var m = alpha[0].laneSum
        for c in 1..<max(chunks, 1) { m += alpha[c].laneSum }
        return m
    }

    /// The power of two that brings `mass` into [1, 2) (its exponent added to `exponent`), or 0
    /// for a zero or non-finite mass (an impossible observation). A subnormal mass is lifted by
    /// 2^1022 only (2^−exponent would overflow) and stays below 1, which later steps absorb.
    @inline(__always)
    static func rescale(_ mass: Double, exponent: inout Int) -> Double {
        guard mass > 0, mass.isFinite else { return 0 }
        let ex = max(min(Int(mass.exponent), 1022), -1022)
        exponent += ex
        return Double(bitPattern: UInt64(1023 - ex) << 52)
    }
}

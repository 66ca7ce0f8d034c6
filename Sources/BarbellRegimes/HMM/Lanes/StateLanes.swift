/// Per-state values packed four states to a SIMD register. The HMM recursions run over
/// ``laneChunks(_:)`` chunks of these; the padding states past `k` carry zero probability (zero
/// start and transition entries, zero density), so they never change a real state's numbers.
typealias StateLanes = SIMD4<Double>

/// Number of ``StateLanes`` chunks that hold `k` states.
@inline(__always)
func laneChunks(_ k: Int) -> Int { (k + 3) >> 2 }

/// `values` (k entries) packed into lanes, the padding lanes set to `padding`.
func packedLanes(_ values: [Double], padding: Double) -> [StateLanes] {
    var out = [StateLanes](repeating: StateLanes(repeating: padding), count: laneChunks(values.count))
    for (s, v) in values.enumerated() { out[s >> 2][s & 3] = v }
    return out
}

extension SIMD4 where Scalar == Double {
    /// Sum of the four lanes in a fixed order (`(a + b) + (c + d)`), so every caller that sums a
    /// chunk gets the same rounding.
    @inline(__always)
    var laneSum: Double { (self[0] + self[1]) + (self[2] + self[3]) }

    /// Largest lane (plain comparisons: the lanes are never NaN here, and `Swift.max`'s NaN
    /// handling costs three extra instructions a lane).
    @inline(__always)
    var laneMax: Double {
        let a = self[0] > self[1] ? self[0] : self[1]
        let b = self[2] > self[3] ? self[2] : self[3]
        return a > b ? a : b
    }
}

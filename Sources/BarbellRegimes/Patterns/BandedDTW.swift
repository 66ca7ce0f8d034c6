/// Dynamic time warping between two equal-length sequences inside a Sakoe-Chiba band
/// (`|i − j| ≤ radius`), with squared differences as the cell cost.
///
/// Distances here are the *squared* DTW cost `Σ (qᵢ − cⱼ)²` along the best path, as the UCR
/// suite keeps them (comparisons need no square roots); `√` of it is the usual DTW distance
/// (dtaidistance's `dtw.distance`).
enum BandedDTW {
    /// The squared DTW cost, or `nil` as soon as every path's partial cost plus the remaining
    /// lower bound `tail[i + radius + 1]` (the cumulative LB_Keogh contributions of the rows
    /// after the band) exceeds `abandonAbove`: the candidate then cannot beat the threshold.
    ///
    /// - Parameters:
    ///   - rows, columns: scratch rows of at least `radius * 2 + 1` doubles (no allocation).
    static func cost(_ q: UnsafePointer<Double>, _ c: UnsafePointer<Double>, length m: Int, radius r: Int,
                     tail: UnsafePointer<Double>?, abandonAbove limit: Double,
                     previous: UnsafeMutablePointer<Double>, current: UnsafeMutablePointer<Double>) -> Double? {
        // Rows are indexed by the band offset k = j − i + r ∈ [0, 2r].
        let width = 2 * r + 1
        var prev = previous, cur = current
        for k in 0..<width { prev[k] = .infinity }
        for i in 0..<m {
            var rowMinimum = Double.infinity
            let lo = max(0, i - r), hi = min(m - 1, i + r)
            for k in 0..<width { cur[k] = .infinity }
            for j in lo...hi {
                let k = j - i + r
                let d = q[i] - c[j]
                let step: Double
                if i == 0 && j == 0 {
                    step = 0
                } else {
                    // left: (i, j−1) → same row, k−1; up: (i−1, j) → previous row, k+1; diagonal: (i−1, j−1) → previous row, k.
                    let left = k > 0 ? cur[k - 1] : .infinity
                    let up = k + 1 < width ? prev[k + 1] : .infinity
                    let diagonal = prev[k]
                    step = min(left, min(up, diagonal))
                }
                let value = step + d * d
                cur[k] = value
                if value < rowMinimum { rowMinimum = value }
            }
            // Every path passes through row i; what the rows beyond the band can add is bounded below by tail.
            let rest = tail.map { i + r + 1 < m ? $0[i + r + 1] : 0 } ?? 0
            if rowMinimum + rest > limit { return nil }
            swap(&prev, &cur)
        }
        return prev[r]   // cell (m−1, m−1): offset k = j − i + r = r
    }
}

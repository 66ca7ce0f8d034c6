import Foundation

extension RollingStat {
    /// Rolling mean of log returns: `Σr / n`.
    struct Mean: MomentStatistic {
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double { s[0] / Double(rows) }
    }

    /// Rolling sample standard deviation (`ddof = 1`, pandas' default) of log returns,
    /// annualised for close-to-close volatility: `√(annualization · (Σr² − (Σr)²/n) / (n − 1))`
    /// (annualization 1 gives the plain standard deviation). Tiny negative variances from
    /// rounding read as 0.
    struct StandardDeviation: MomentStatistic {
        var annualization = 1.0
        func value(_ s: UnsafeBufferPointer<Double>, rows: Int) -> Double {
            let n = Double(rows)
            let variance = (s[1] - s[0] * s[0] / n) / (n - 1)
            return (annualization * max(variance, 0)).squareRoot()
        }
    }

    /// Rolling skewness with pandas' convention (`Series.rolling(n).skew()`, scipy's
    /// `skew(bias=False)`): the adjusted Fisher–Pearson coefficient
    /// `G1 = √(n(n−1)) / (n−2) · m3 / m2^{3/2}` with the biased central moments `m2`, `m3` of the
    /// window (Joanes & Gill 1998).
    ///
    /// Computed two-pass over the window (O(window)) rather than from running power sums: on
    /// short windows whose returns are nearly equal, power sums (and pandas' own incremental
    /// update) lose up to half the digits, the two-pass moments lose none. A window with no
    /// spread (`m2 ≤ (1e-15·mean)²`, scipy's rule) gives NaN.
    struct Skewness: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let m = CentralMoments(w)
            guard !m.degenerate else { return .nan }
            let n = Double(rows)
            return (n * (n - 1)).squareRoot() / (n - 2) * (m.m3 / (m.m2 * m.m2.squareRoot()))
        }
    }

    /// Rolling excess kurtosis with pandas' convention (`rolling(n).kurt()`, scipy's
    /// `kurtosis(bias=False)`): `G2 = ((n²−1) m4/m2² − 3(n−1)²) / ((n−2)(n−3))` (Joanes & Gill
    /// 1998), two-pass like ``Skewness`` and NaN under the same rule.
    struct Kurtosis: WindowStatistic {
        var scratchCount: Int { 0 }
        func evaluate(_ w: UnsafeBufferPointer<Double>, rows: Int, _ scratch: UnsafeMutableBufferPointer<Double>) -> Double {
            let m = CentralMoments(w)
            guard !m.degenerate else { return .nan }
            let n = Double(rows)
            return ((n * n - 1) * (m.m4 / (m.m2 * m.m2)) - 3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3))
        }
    }

    /// The biased central moments `m_k = Σ(x − x̄)^k / n`, k = 2...4, of a window, two-pass.
    struct CentralMoments {
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        /// No spread: `m2 ≤ (1e-15 · x̄)²` (scipy's cut-off for skew and kurtosis).
        var degenerate: Bool

        init(_ w: UnsafeBufferPointer<Double>) {
            let n = Double(w.count)
            var total = 0.0
            for x in w { total += x }
            let mean = total / n
            for x in w {
                let d = x - mean, d2 = d * d
                m2 += d2
                m3 += d2 * d
                m4 += d2 * d2
            }
            m2 /= n
            m3 /= n
            m4 /= n
            let resolution = 1e-15 * mean
            degenerate = m2 <= resolution * resolution
        }
    }
}

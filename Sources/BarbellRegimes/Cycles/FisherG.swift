import Foundation

/// Fisher's (1929) g test for a hidden periodicity: is the largest periodogram ordinate too large
/// a share of the total for Gaussian white noise?
public enum FisherG {
    /// g = max I_k / Σ I_k over the m ordinates at the Fourier frequencies k = 1 … m,
    /// m = ⌊(n − 1)/2⌋ (the zero and Nyquist frequencies excluded, as Fisher's null needs
    /// ordinates that are i.i.d. exponential).
    public static func statistic(_ ordinates: [Double]) -> Double {
        let total = ordinates.reduce(0, +)
        return total > 0 ? (ordinates.max() ?? 0) / total : 0
    }

    /// The exact p-value P(G ≥ g) for m ordinates:
    /// Σ_{j=1}^{⌊1/g⌋} (−1)^{j−1} C(m, j) (1 − j g)^{m−1}.
    ///
    /// Each term is formed in log space (C(m, j) overflows for a few hundred ordinates). The sum
    /// alternates; its terms stay below about (m e^{−g m})^j / j!, so the cancellation costs
    /// digits only when p is near 1 (no evidence of a cycle), and the result is clamped to [0, 1].
    /// - Throws: `invalidArgument` for m < 2 or g outside (0, 1].
    public static func pValue(g: Double, m: Int) throws -> Double {
        guard m >= 2 else { throw RegimeError(.invalidArgument, "m is \(m); Fisher's g needs at least 2 ordinates") }
        guard g.isFinite, g > 0, g <= 1 else {
            throw RegimeError(.invalidArgument, "g is \(g); expected a value in (0, 1]")
        }
        let upper = min(m, Int((1 / g).rounded(.down)))
        let lm: Double = lgamma(Double(m) + 1)
        var sum = 0.0, compensation = 0.0
        for j in stride(from: 1, through: upper, by: 1) {
            let base = 1 - Double(j) * g
            guard base > 0 else { break }
            let lj: Double = lgamma(Double(j) + 1), lmj: Double = lgamma(Double(m - j) + 1)
            let logTerm = lm - lj - lmj + Double(m - 1) * log(base)
            let term = (j % 2 == 1 ? 1.0 : -1.0) * exp(logTerm)
            // Kahan summation: the alternating terms can be much larger than their sum.
            let y = term - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        return min(max(sum, 0), 1)
    }
}

import Foundation

extension SpecialFunctions {
    /// The digamma function ψ(x) = d log Γ(x)/dx for x > 0 (`scipy.special.digamma`).
    ///
    /// The recurrence ψ(x) = ψ(x + 1) − 1/x lifts the argument to x ≥ 10, where the asymptotic
    /// series log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) through the x⁻¹⁴ term is used: its first omitted term,
    /// (3617/8160) x⁻¹⁶, is below 5e-17 there. Accurate to a few ulps of max(|ψ(x)|, 1): relative
    /// accuracy is lost only next to its root x₀ ≈ 1.4616, where ψ passes through 0.
    ///
    /// Used for the degrees of freedom of Student-t models (the score of ν involves ψ).
    /// - Returns: NaN for x ≤ 0 or NaN (the poles at 0, −1, … and the reflection branch are not
    ///   needed by any caller), +∞ for x = +∞.
    public static func digamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        guard x.isFinite else { return x }
        // The terms nearly cancel for x of order 1 (ψ(1) = −2.83 + 2.25 = −0.58, and ψ vanishes at
        // x₀), so they are added with Neumaier's compensated summation: what remains is the
        // rounding of each term, not of every partial sum.
        var sum = 0.0, compensation = 0.0
        func add(_ v: Double) {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
        var x = x
        while x < 10 {
            add(-1 / x)
            x += 1
        }
        let f = 1 / (x * x)
        // Bernoulli terms B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12.
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132
            - f * (691.0 / 32760 - f / 12))))))
        add(log(x))
        add(-0.5 / x)
        add(-series)
        return sum + compensation
    }
}

import Foundation

extension SpecialFunctions {
    /// The digamma function ψ(x) = d log Γ(x)/dx for x > 0 (`scipy.special.digamma`).
    ///
    /// The recurrence ψ(x) = ψ(x + 1) − 1/x lifts the argument to x ≥ 10, where the asymptotic
    /// series log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) through the x⁻¹² term is used: its first omitted term,
    /// 1/(12 x¹⁴), is below 1e-15 there. Accurate to a few ulps of max(|ψ(x)|, 1) (it loses
    /// relative accuracy only next to its root x₀ ≈ 1.4616, where ψ passes through 0).
    ///
    /// Used for the degrees of freedom of Student-t models (the score of ν involves ψ).
    /// - Returns: NaN for x ≤ 0 or NaN (the poles at 0, −1, … and the reflection branch are not
    ///   needed by any caller), +∞ for x = +∞.
    public static func digamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        guard x.isFinite else { return x }
        var x = x, result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        // Bernoulli terms B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760.
        let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 - f * (691.0 / 32760))))))
        return result + log(x) - 0.5 / x - series
    }
}

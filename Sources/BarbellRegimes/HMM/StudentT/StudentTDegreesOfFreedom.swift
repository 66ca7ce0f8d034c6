import BarbellQuant
import Foundation

/// The CM-step for one state's degrees of freedom (Peel & McLachlan 2000, eq. 30; Liu & Rubin
/// 1995): ν is the root of
///
///     g(ν) = log(ν/2) − ψ(ν/2) + 1 + c,
///     c = (1/n_k) Σ_t γ_tk (log u_tk − u_tk) + ψ((ν_old + d)/2) − log((ν_old + d)/2),
///
/// with `u_tk = (ν_old + d)/(ν_old + δ_tk)` the E-step weights and `n_k = Σ_t γ_tk`. `g` is
/// (n_k/2)⁻¹ times the derivative of the expected complete-data log-likelihood in ν, and
/// `log x − ψ(x)` decreases in x, so that objective is concave in ν: its maximiser over a range
/// is the root when the range brackets it and the nearer end otherwise. Either way the CM-step
/// cannot lower the likelihood, which is what keeps ECM monotone.
enum StudentTDegreesOfFreedom {
    /// The maximiser of the ν-part of the expected complete-data log-likelihood over `range`, by
    /// bisection of `g` down to adjacent doubles (about 55 halvings of [2.1, 200]; a few
    /// microseconds per state and iteration, and no tolerance to choose). A non-finite `c` (a
    /// state without posterior mass) returns `previous`.
    static func solve(c: Double, range: ClosedRange<Double>, previous: Double) -> Double {
        guard c.isFinite else { return previous }
        func g(_ nu: Double) -> Double { log(nu / 2) - SpecialFunctions.digamma(nu / 2) + 1 + c }
        var lo = range.lowerBound, hi = range.upperBound
        if g(lo) <= 0 { return lo }   // the objective falls over the whole range
        if g(hi) >= 0 { return hi }   // it rises over the whole range (near-Gaussian state)
        while true {
            let mid = lo + (hi - lo) / 2
            guard mid > lo, mid < hi else { break }
            if g(mid) > 0 { lo = mid } else { hi = mid }
        }
        return abs(g(lo)) <= abs(g(hi)) ? lo : hi
    }

    /// The constant `c` of the ν equation from one state's E-step quantities: `mass` = n_k and
    /// `logUMinusU` = Σ_t γ_tk (log u_tk − u_tk).
    static func constant(mass: Double, logUMinusU: Double, previous nu: Double, dimension d: Int) -> Double {
        let h = (nu + Double(d)) / 2
        return logUMinusU / mass + SpecialFunctions.digamma(h) - log(h)
    }
}

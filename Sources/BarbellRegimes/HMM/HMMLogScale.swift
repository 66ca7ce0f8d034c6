import Foundation

/// The log-likelihood of the scaled forward recursion, kept as the pieces each step removes:
/// the shift `max_s log b_t(s)` taken out before exponentiating the densities, and the binary
/// exponent the power-of-two rescaling took out of `α_t`. The log-likelihood after step `t` is
/// `Σ shift + (Σ exponent) ln 2 + log Σ α_t`, one logarithm per sequence rather than per step.
/// The batch pass and the online filter accumulate the same pieces in the same order, so their
/// log-likelihoods agree bit for bit.
struct HMMLogScale: Sendable, Equatable {
    /// Σ_t of the density shifts.
    var shift = 0.0
    /// Σ_t of the binary exponents removed.
    var exponent = 0

    /// The log-likelihood once the last step's rescaled mass `Σ α_t` is `mass`.
    @inline(__always)
    func logLikelihood(mass: Double) -> Double {
        shift + (Double(exponent) * 0.693_147_180_559_945_309_4 + log(mass))
    }
}

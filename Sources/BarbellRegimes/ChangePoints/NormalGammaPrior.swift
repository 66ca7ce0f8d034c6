import BarbellQuant
import Foundation

/// Normal-Gamma conjugate prior on an unknown mean μ and precision τ of Gaussian observations:
/// τ ~ Gamma(α, rate β), μ | τ ~ N(μ₀, 1/(κτ)). Its posterior predictive for the next
/// observation is Student t with 2α degrees of freedom, location μ₀ and scale √(β(κ + 1)/(ακ)).
public struct NormalGammaPrior: Sendable, Equatable {
    /// μ₀.
    public let mean: Double
    /// κ > 0, the prior's weight on μ₀ in pseudo-observations.
    public let kappa: Double
    /// α > 0 (shape of the precision).
    public let alpha: Double
    /// β > 0 (rate of the precision).
    public let beta: Double

    /// - Throws: `.invalidArgument` unless mean is finite and kappa, alpha, beta are finite and > 0.
    public init(mean: Double = 0, kappa: Double = 1, alpha: Double = 1, beta: Double = 1) throws {
        try requireDetector(mean.isFinite, "NormalGammaPrior", "mean", mean, "a finite number")
        try requireDetector(kappa > 0 && kappa.isFinite, "NormalGammaPrior", "kappa", kappa, "a finite number > 0")
        try requireDetector(alpha > 0 && alpha.isFinite, "NormalGammaPrior", "alpha", alpha, "a finite number > 0")
        try requireDetector(beta > 0 && beta.isFinite, "NormalGammaPrior", "beta", beta, "a finite number > 0")
        self.mean = mean
        self.kappa = kappa
        self.alpha = alpha
        self.beta = beta
    }
}

/// Whether an option pays max(S − K, 0) (call) or max(K − S, 0) (put) at exercise.
public enum OptionType: String, Sendable, CaseIterable, Codable {
    case call, put

    /// +1 for a call, −1 for a put: the sign θ in the unified payoff max(θ(S − K), 0).
    @inlinable
    public var sign: Double { self == .call ? 1 : -1 }
}

/// The European pricing model, which fixes what ``VanillaOption/underlying`` means.
public enum PricingModel: String, Sendable, CaseIterable, Codable {
    /// Black-Scholes-Merton on a spot price with a continuous dividend yield q:
    /// forward F = S·e^{(r−q)T}; delta and gamma are with respect to the spot.
    case blackScholesMerton = "bsm"
    /// Black-76 on a forward (or futures) price F, discounted at r; the dividend yield is unused
    /// and delta and gamma are with respect to the forward.
    case black76
}

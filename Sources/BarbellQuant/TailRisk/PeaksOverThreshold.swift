import Foundation

/// The peaks-over-threshold model of a loss distribution's upper tail (McNeil & Frey 2000):
/// losses above a threshold `u` follow a generalized Pareto distribution, and the tail
/// probability beyond `x > u` is `(n_u/n)(1 + ξ(x−u)/σ)^(−1/ξ)`.
///
/// Losses are positive numbers (for returns, pass `−r`); VaR and expected shortfall come back in
/// the same units, as positive losses.
public struct PeaksOverThreshold: Sendable {
    /// How the threshold is chosen.
    public enum Threshold: Sendable, Equatable {
        /// The empirical quantile of the losses at this probability (e.g. 0.95), with NumPy's
        /// default linear interpolation.
        case quantile(Double)
        /// A fixed threshold value.
        case value(Double)
    }

    /// The threshold `u`.
    public var threshold: Double
    /// The GPD fitted to the excesses over `u`.
    public var tail: GeneralizedParetoFit
    /// How many losses the model was built from (`n`).
    public var sampleSize: Int

    /// The fraction of losses above the threshold, `n_u / n`.
    public var exceedanceRate: Double { Double(tail.count) / Double(sampleSize) }

    /// Fits the tail of `losses` above `threshold`.
    ///
    /// - Throws: `insufficientData` when fewer than 10 losses exceed the threshold,
    ///   `nonFinite` for NaN or infinite losses, `invalidArgument` for a quantile outside (0, 1).
    public init(losses: [Double], threshold: Threshold) throws {
        if let i = losses.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "loss[\(i)] is \(losses[i]); losses must be finite")
        }
        let u: Double
        switch threshold {
        case .value(let v):
            guard v.isFinite else { throw QuantError(.invalidArgument, "threshold is \(v); a finite threshold is required") }
            u = v
        case .quantile(let p):
            guard p > 0, p < 1 else { throw QuantError(.invalidArgument, "threshold quantile is \(p); expected a probability in (0, 1)") }
            guard !losses.isEmpty else { throw QuantError(.insufficientData, "no losses to fit") }
            u = EmpiricalQuantile.linear(losses.sorted(), p)
        }
        let excesses = losses.compactMap { $0 > u ? $0 - u : nil }
        self.threshold = u
        self.tail = try GeneralizedParetoFit.fit(excesses: excesses)
        self.sampleSize = losses.count
    }

    /// Value at risk: the loss exceeded with probability `1 − confidence`,
    /// `u + (σ/ξ)(((1−q)·n/n_u)^(−ξ) − 1)` (the exponential limit at ξ = 0).
    ///
    /// - Throws: `invalidArgument` unless `confidence` is beyond the threshold's own level
    ///   (`1 − n_u/n < confidence < 1`): below it the GPD says nothing and the empirical quantile
    ///   should be used instead.
    public func valueAtRisk(confidence: Double) throws -> Double {
        let ratio = try tailRatio(confidence)
        let (xi, sigma) = (tail.shape, tail.scale)
        if abs(xi) < 1e-12 { return threshold - sigma * log(ratio) }
        return threshold + sigma / xi * (pow(ratio, -xi) - 1)
    }

    /// Expected shortfall: the mean loss beyond the VaR, `VaR/(1−ξ) + (σ − ξu)/(1−ξ)`.
    /// Infinite when ξ ≥ 1 (the tail has no mean).
    public func expectedShortfall(confidence: Double) throws -> Double {
        let v = try valueAtRisk(confidence: confidence)
        let (xi, sigma) = (tail.shape, tail.scale)
        guard xi < 1 else { return .infinity }
        return (v + sigma - xi * threshold) / (1 - xi)
    }

    private func tailRatio(_ confidence: Double) throws -> Double {
        let floor = 1 - exceedanceRate
        guard confidence > floor, confidence < 1 else {
            throw QuantError(.invalidArgument, "confidence \(confidence) must lie in (\(floor), 1): the tail model starts at the threshold's level (\(tail.count) of \(sampleSize) losses exceed it)")
        }
        return (1 - confidence) / exceedanceRate
    }
}

/// Sample quantiles as NumPy computes them by default (method "linear", Hyndman & Fan type 7).
public enum EmpiricalQuantile {
    /// The `p`-quantile of an ascending, non-empty sample: `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])`
    /// with `h = (n − 1)p`.
    public static func linear(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        guard lo + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
    }
}

import Foundation

/// Hill's (1975) estimator of a heavy tail's index from the `k` largest observations:
/// `ξ̂ = (1/k) Σᵢ₌₁ᵏ log(X₍ᵢ₎ / X₍ₖ₊₁₎)`, with `X₍₁₎ ≥ X₍₂₎ ≥ …` the descending order statistics.
///
/// The tail index is `α = 1/ξ` (a Pareto-type tail `P(X > x) ∝ x^(−α)`). Only the positive part
/// of the sample matters; pass losses as positive numbers.
public struct HillEstimate: Sendable, Equatable {
    /// ξ̂, the extreme value index.
    public var shape: Double
    /// k, the number of upper order statistics used.
    public var tailCount: Int
    /// `X₍ₖ₊₁₎`, the threshold the estimate is relative to.
    public var threshold: Double
    /// How many observations the sample had.
    public var sampleSize: Int

    /// The tail index α = 1/ξ̂.
    public var tailIndex: Double { 1 / shape }
    /// The asymptotic standard error of ξ̂, `ξ̂/√k`.
    public var standardError: Double { shape / Double(tailCount).squareRoot() }

    /// - Throws: `invalidArgument` unless `2 ≤ k < n` and the `k+1` largest values are positive;
    ///   `nonFinite` for NaN or infinite values.
    public init(_ values: [Double], tailCount k: Int) throws {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "value[\(i)] is \(values[i]); the sample must be finite")
        }
        guard k >= 2, k < values.count else {
            throw QuantError(.invalidArgument, "tail count k = \(k) must be in [2, \(values.count - 1)] for \(values.count) observations")
        }
        let descending = values.sorted(by: >)
        let anchor = descending[k]
        guard anchor > 0 else {
            throw QuantError(.invalidArgument, "the \(k + 1)th largest value is \(anchor); Hill's estimator needs the k+1 largest values positive (use fewer tail observations)")
        }
        var sum = 0.0
        for i in 0..<k { sum += log(descending[i] / anchor) }
        shape = sum / Double(k)
        tailCount = k
        threshold = anchor
        sampleSize = values.count
    }

    /// Weissman's (1978) quantile extrapolation: the loss exceeded with probability
    /// `1 − confidence`, `X₍ₖ₊₁₎ · (k / (n(1−confidence)))^ξ̂`.
    public func valueAtRisk(confidence: Double) throws -> Double {
        let tail = 1 - confidence
        guard confidence > 0, tail > 0, tail < Double(tailCount) / Double(sampleSize) else {
            throw QuantError(.invalidArgument, "confidence \(confidence) must lie in (\(1 - Double(tailCount) / Double(sampleSize)), 1) for k = \(tailCount) of \(sampleSize)")
        }
        return threshold * pow(Double(tailCount) / (Double(sampleSize) * tail), shape)
    }
}

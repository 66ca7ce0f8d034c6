/// The share of predictions whose sign matches the realised value's sign.
///
/// Rows whose realised value is exactly 0 are excluded (a flat outcome has no direction to get
/// right) and counted in ``excluded``; a zero prediction against a non-zero outcome is a miss.
public struct HitRate: Sendable, Equatable {
    /// ``hits`` / ``count``.
    public let rate: Double
    /// Rows where the signs agree.
    public let hits: Int
    /// Rows scored (non-zero realised values).
    public let count: Int
    /// Rows left out because the realised value was 0.
    public let excluded: Int

    /// - Throws: ``LearningError`` — `shapeMismatch` for different lengths, `nonFinite` for NaN,
    ///   `insufficientData` when no row has a non-zero realised value.
    public init(prediction: [Double], realised: [Double]) throws(LearningError) {
        try MetricInput.sameLength(prediction.count, realised.count, "prediction and realised")
        try MetricInput.finite(prediction, "prediction")
        try MetricInput.finite(realised, "realised")
        var hits = 0, count = 0
        for i in realised.indices where realised[i] != 0 {
            count += 1
            if (prediction[i] > 0 && realised[i] > 0) || (prediction[i] < 0 && realised[i] < 0) { hits += 1 }
        }
        try MetricInput.atLeast(count, 1, "hit rate (non-zero realised values)")
        self.hits = hits
        self.count = count
        self.excluded = realised.count - count
        self.rate = Double(hits) / Double(count)
    }
}

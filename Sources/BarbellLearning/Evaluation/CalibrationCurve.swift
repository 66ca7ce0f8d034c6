/// How predicted probabilities of class 1 are grouped into bins for a calibration curve.
public enum CalibrationStrategy: String, Sendable, Equatable, Codable {
    /// Equal-width bins on [0, 1].
    case uniform
    /// Bins with edges at the probabilities' quantiles (linear interpolation, as `numpy.percentile`).
    case quantile
}

/// A reliability diagram: per bin, the observed share of positives against the mean predicted
/// probability (`sklearn.calibration.calibration_curve`).
///
/// A probability equal to an inner edge falls in the lower bin (`numpy.searchsorted`, side left),
/// and empty bins are dropped, so the curve may have fewer than `bins` points.
public struct CalibrationCurve: Sendable, Equatable {
    /// Bin edges, `bins + 1` of them, from 0 (or the lowest probability) to 1 (or the highest).
    public let edges: [Double]
    /// Share of label 1 in each non-empty bin.
    public let fractionPositive: [Double]
    /// Mean predicted probability in each non-empty bin.
    public let meanPredicted: [Double]
    /// Rows in each non-empty bin.
    public let counts: [Int]

    /// - Parameters:
    ///   - labels: 0 or 1.
    ///   - probability: predicted probability of label 1.
    ///   - bins: number of bins (≥ 1).
    ///   - strategy: uniform or quantile edges.
    /// - Throws: ``LearningError`` — `invalidArgument` for bins < 1, a label other than 0/1 or a
    ///   probability outside [0, 1]; `shapeMismatch`; `nonFinite`; `insufficientData` for no rows.
    public init(labels: [Int], probability: [Double], bins: Int, strategy: CalibrationStrategy) throws(LearningError) {
        guard bins >= 1 else {
            throw LearningError(.invalidArgument, "calibration bins = \(bins), expected at least 1")
        }
        try MetricInput.sameLength(labels.count, probability.count, "labels and probabilities")
        try MetricInput.atLeast(labels.count, 1, "calibration curve")
        try MetricInput.binaryLabels(labels)
        for (i, p) in probability.enumerated() { try MetricInput.probability(p, "probability", row: i) }

        // numpy.linspace(0, 1, bins + 1) computes i * (1 / bins) with the last edge set to 1;
        // the same arithmetic keeps probabilities that sit on an edge in the same bin.
        let step = 1.0 / Double(bins)
        let quantiles = (0...bins).map { $0 == bins ? 1.0 : Double($0) * step }
        let edges: [Double]
        switch strategy {
        case .uniform: edges = quantiles
        case .quantile:
            let sorted = probability.sorted()
            edges = quantiles.map { Self.percentile(sorted, ($0 * 100) / 100) }
        }
        let inner = edges.dropFirst().dropLast()
        var sums = [Double](repeating: 0, count: bins), positives = [Double](repeating: 0, count: bins)
        var totals = [Int](repeating: 0, count: bins)
        for (i, p) in probability.enumerated() {
            let bin = inner.reduce(0) { $0 + ($1 < p ? 1 : 0) }
            sums[bin] += p
            positives[bin] += Double(labels[i])
            totals[bin] += 1
        }
        let kept = totals.indices.filter { totals[$0] > 0 }
        self.edges = edges
        self.fractionPositive = kept.map { positives[$0] / Double(totals[$0]) }
        self.meanPredicted = kept.map { sums[$0] / Double(totals[$0]) }
        self.counts = kept.map { totals[$0] }
    }

    /// numpy's default ("linear") percentile of sorted data at fraction q, with numpy's lerp
    /// (interpolating from the upper neighbour when the weight is ≥ 0.5).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = min(max(Int(position.rounded(.down)), 0), sorted.count - 1)
        let upper = min(lower + 1, sorted.count - 1)
        let t = position - Double(lower)
        let a = sorted[lower], b = sorted[upper], d = b - a
        return t >= 0.5 ? b - d * (1 - t) : a + d * t
    }
}

/// Per-column standardisation fitted on training rows only and stored with the model, so a live
/// prediction scales its inputs exactly as training did: `z = (x − mean) / scale`, with the
/// population standard deviation as scale and 1 for a column that was constant in training.
public struct FeatureScaling: Sendable, Codable, Equatable {
    public let means: [Double]
    public let scales: [Double]

    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// Fits on `rows` of a row-major matrix with `width` columns.
    public static func fit(_ values: [Double], width: Int, rows: [Int]) throws(LearningError) -> FeatureScaling {
        guard !rows.isEmpty else { throw LearningError(.insufficientData, "feature scaling: no training rows") }
        var mean = [Double](repeating: 0, count: width)
        for i in rows { for j in 0..<width { mean[j] += values[i * width + j] } }
        let n = Double(rows.count)
        for j in 0..<width { mean[j] /= n }
        var variance = [Double](repeating: 0, count: width)
        for i in rows { for j in 0..<width { let d = values[i * width + j] - mean[j]; variance[j] += d * d } }
        let scales = variance.map { v -> Double in
            let s = (v / n).squareRoot()
            return s.isFinite && s > 1e-12 ? s : 1
        }
        return FeatureScaling(means: mean, scales: scales)
    }

    /// The scaled rows, row-major, in the order given.
    public func apply(_ matrix: FeatureMatrix, rows: [Int]) throws(LearningError) -> [Double] {
        guard matrix.width == means.count else {
            throw LearningError(.shapeMismatch, "feature scaling was fitted on \(means.count) features; the input has \(matrix.width)")
        }
        var out = matrix.gather(rows)
        let w = means.count
        for r in 0..<rows.count { for j in 0..<w { out[r * w + j] = (out[r * w + j] - means[j]) / scales[j] } }
        return out
    }
}

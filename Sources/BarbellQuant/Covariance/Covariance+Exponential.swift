extension Covariance {
    /// The exponentially weighted covariance with PyPortfolioOpt's `exp_cov` definition: the
    /// products of full-sample-demeaned returns, averaged with weights `(1 − α)^age`,
    /// `α = 2 / (span + 1)`, normalised by the weights' sum (pandas `ewm(span).mean()`,
    /// `adjust=True`), newest observation weighted 1.
    public static func exponentiallyWeighted(_ returns: Matrix, span: Double) throws -> Matrix {
        guard span >= 1, span.isFinite else { throw QuantError(.invalidArgument, "span must be ≥ 1, got \(span)") }
        let centered = try Centered(returns, minimumRows: 1)
        let n = centered.columns, rows = centered.rows
        let decay = 1 - 2 / (span + 1)
        // Weights oldest first; their sum in the same order pandas accumulates is not needed
        // for agreement to round-off, only the values.
        var weights = [Double](repeating: 0, count: rows)
        var w = 1.0
        for t in stride(from: rows - 1, through: 0, by: -1) {
            weights[t] = w
            w *= decay
        }
        let total = weights.reduce(0, +)
        var out = [Double](repeating: 0, count: n * n)
        centered.values.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for j in i..<n {
                    var s = 0.0
                    for t in 0..<rows { s += weights[t] * (x[i * rows + t] * x[j * rows + t]) }
                    out[i * n + j] = s / total
                    out[j * n + i] = s / total
                }
            }
        }
        return Matrix(uncheckedRows: n, columns: n, values: out)
    }
}

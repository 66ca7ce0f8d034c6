import CLapack

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
        // Weights oldest first; the covariance is Xᵀ·diag(w)·X / Σw, one BLAS product of the
        // centred returns with their weighted copy.
        var weights = [Double](repeating: 0, count: rows)
        var w = 1.0
        for t in stride(from: rows - 1, through: 0, by: -1) {
            weights[t] = w
            w *= decay
        }
        let total = weights.reduce(0, +)
        var weighted = centered.values
        for j in 0..<n { for t in 0..<rows { weighted[j * rows + t] *= weights[t] } }
        var out = Centered.product(weighted, centered.values, rows: n, length: rows, scale: 1 / total).values
        for i in 0..<n { for j in 0..<i { out[i * n + j] = out[j * n + i] } }
        return Matrix(uncheckedRows: n, columns: n, values: out)
    }
}

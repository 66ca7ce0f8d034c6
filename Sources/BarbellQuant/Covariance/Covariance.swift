import CLapack

/// Covariance estimators over a matrix of returns (one row per observation, one column per
/// asset), with PyPortfolioOpt's and scikit-learn's definitions. Nothing is annualised: multiply
/// by the periods per year (252 for daily returns) where an annual figure is wanted.
public enum Covariance {
    /// A shrinkage estimate and the weight it gave its target (0: the sample estimate, 1: the target).
    public struct Shrunk: Sendable, Equatable {
        public let matrix: Matrix
        public let shrinkage: Double
    }

    /// The sample covariance with `n − 1` in the denominator (pandas' `DataFrame.cov`,
    /// PyPortfolioOpt's `sample_cov`).
    public static func sample(_ returns: Matrix) throws -> Matrix {
        let centered = try Centered(returns, minimumRows: 2)
        return centered.crossProduct(scale: 1 / Double(returns.rows - 1))
    }

    /// The correlation matrix of a covariance matrix (PyPortfolioOpt's `cov_to_corr`); the
    /// diagonal is exactly 1.
    public static func correlation(_ covariance: Matrix) throws -> Matrix {
        try covariance.requireSquare("the covariance matrix")
        let n = covariance.rows
        let deviations = (0..<n).map { covariance[$0, $0].squareRoot() }
        if let j = deviations.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw QuantError(.invalidArgument, "asset \(j) has variance \(covariance[j, j]); a correlation needs a positive variance")
        }
        var out = covariance
        for i in 0..<n {
            for j in 0..<n { out[i, j] = i == j ? 1 : covariance[i, j] / (deviations[i] * deviations[j]) }
        }
        return out
    }

    /// The correlation distance `√((1 − ρ) / 2)`, clipped to [0, 1] (López de Prado's metric,
    /// as PyPortfolioOpt's HRP computes it).
    public static func correlationDistance(_ correlation: Matrix) throws -> Matrix {
        try correlation.requireSquare("the correlation matrix")
        var out = correlation
        for k in out.values.indices { out.values[k] = min(max((1 - correlation.values[k]) / 2, 0), 1).squareRoot() }
        return out
    }
}

/// Returns with each column's mean removed, checked once for the estimators.
struct Centered {
    let rows: Int
    let columns: Int
    /// Column-major (`values[j·rows + t]`): each asset's returns contiguous, which is also the
    /// row-major `columns × rows` matrix `Xᵀ` that BLAS takes.
    let values: [Double]
    let means: [Double]

    init(_ returns: Matrix, minimumRows: Int) throws {
        guard returns.rows >= minimumRows else {
            throw QuantError(.invalidArgument, "a covariance estimate needs at least \(minimumRows) observations, got \(returns.rows)")
        }
        guard returns.columns >= 1 else { throw QuantError(.shapeMismatch, "the returns have no assets (columns)") }
        if let k = returns.values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "return at row \(k / returns.columns), asset \(k % returns.columns) is \(returns.values[k]); drop or fill missing returns first")
        }
        rows = returns.rows
        columns = returns.columns
        var means = [Double](repeating: 0, count: columns)
        var values = [Double](repeating: 0, count: rows * columns)
        for j in 0..<columns {
            var sum = 0.0
            for t in 0..<rows { sum += returns[t, j] }
            let mean = sum / Double(rows)
            means[j] = mean
            for t in 0..<rows { values[j * rows + t] = returns[t, j] - mean }
        }
        self.values = values
        self.means = means
    }

    func column(_ j: Int) -> ArraySlice<Double> { values[(j * rows)..<((j + 1) * rows)] }

    /// `scale · Xᵀ X` of the centred returns (BLAS `dsyrk` on the upper triangle, mirrored, so
    /// the result is exactly symmetric).
    func crossProduct(scale: Double) -> Matrix {
        Centered.gram(values, rows: columns, length: rows, scale: scale)
    }

    /// `scale · A Aᵀ` for the `rows × length` row-major `a`, exactly symmetric.
    static func gram(_ a: [Double], rows: Int, length: Int, scale: Double) -> Matrix {
        var out = [Double](repeating: 0, count: rows * rows)
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(rows), Int32(length), scale, a, Int32(length), 0, &out, Int32(rows))
        for i in 0..<rows {
            for j in 0..<i { out[i * rows + j] = out[j * rows + i] }
        }
        return Matrix(uncheckedRows: rows, columns: rows, values: out)
    }

    /// `scale · A Bᵀ` for row-major `rows × length` `a` and `b` (BLAS `dgemm`).
    static func product(_ a: [Double], _ b: [Double], rows: Int, length: Int, scale: Double) -> Matrix {
        var out = [Double](repeating: 0, count: rows * rows)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(rows), Int32(length),
                    scale, a, Int32(length), b, Int32(length), 0, &out, Int32(rows))
        return Matrix(uncheckedRows: rows, columns: rows, values: out)
    }
}

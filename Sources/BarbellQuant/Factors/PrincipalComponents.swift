/// Statistical factors: the principal components of a panel of returns (columns = assets),
/// as scikit-learn's `PCA` computes them (centred, covariance with n − 1, each component's sign
/// chosen so that its largest-magnitude loading is positive).
public struct PrincipalComponents: Sendable {
    /// `components[i]` is the i-th factor's loading on each asset (unit length), largest
    /// variance first.
    public var components: [[Double]]
    /// The variance of each factor (an eigenvalue of the sample covariance).
    public var explainedVariance: [Double]
    /// Each factor's share of the total variance.
    public var explainedVarianceRatio: [Double]
    /// Factor returns: `scores[t][i]` is factor i on row t (the centred returns projected).
    public var scores: [[Double]]
    /// The column means removed before projecting.
    public var means: [Double]

    /// The first `count` components of `returns` (rows = periods).
    ///
    /// - Throws: `insufficientData` with fewer than 2 rows, `invalidArgument` unless
    ///   `1 ≤ count ≤ assets`, `nonFinite` for NaN (drop or fill missing returns first).
    public init(_ returns: Matrix, count: Int) throws {
        guard returns.rows >= 2 else { throw QuantError(.insufficientData, "\(returns.rows) rows of returns; PCA needs at least 2") }
        guard count >= 1, count <= returns.columns else {
            throw QuantError(.invalidArgument, "component count \(count) must be in [1, \(returns.columns)]")
        }
        try returns.requireFinite("returns")
        let covariance = try Covariance.sample(returns)
        let (values, vectors) = try covariance.symmetricEigen()
        let n = returns.columns
        // LAPACK returns ascending eigenvalues; components are the columns, largest first.
        var components: [[Double]] = []
        var variances: [Double] = []
        for c in 0..<count {
            let column = n - 1 - c
            var v = (0..<n).map { vectors[$0, column] }
            let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) }!
            if v[largest] < 0 { v = v.map { -$0 } }
            components.append(v)
            variances.append(max(values[column], 0))
        }
        let total = values.reduce(0) { $0 + max($1, 0) }
        let means = (0..<n).map { j in (0..<returns.rows).reduce(0.0) { $0 + returns[$1, j] } / Double(returns.rows) }
        self.scores = (0..<returns.rows).map { t in
            components.map { v in (0..<n).reduce(0.0) { $0 + (returns[t, $1] - means[$1]) * v[$1] } }
        }
        self.components = components
        self.explainedVariance = variances
        self.explainedVarianceRatio = variances.map { $0 / total }
        self.means = means
    }
}

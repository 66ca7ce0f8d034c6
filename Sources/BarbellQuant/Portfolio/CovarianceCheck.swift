/// The positive-definiteness check every optimiser runs on its covariance, and the repair it
/// applies when asked to regularise.
enum CovarianceCheck {
    /// Eigenvalues at or below this fraction of the largest count as zero: a covariance that
    /// near singular makes the optimum arbitrary between the assets it cannot tell apart.
    static let relativeFloor = 1e-12

    /// `covariance` itself when it is symmetric positive definite; with `regularize`, the
    /// nearest positive-definite matrix (eigenvalues floored, Higham) and a diagnostic note.
    ///
    /// - Throws: `notPositiveDefinite` naming the assets that carry the smallest eigenvalue's
    ///   eigenvector (the combination of assets with no variance), `shapeMismatch`, `nonFinite`.
    static func checked(_ covariance: Matrix, names: [String], regularize: Bool) throws -> (Matrix, [String]) {
        guard covariance.isSquare, covariance.rows == names.count, !names.isEmpty else {
            throw QuantError(.shapeMismatch, "the covariance must be \(names.count)×\(names.count) (one row per asset), got \(covariance.rows)×\(covariance.columns)")
        }
        let n = names.count
        for i in 0..<n {
            for j in 0..<i where abs(covariance[i, j] - covariance[j, i]) > 1e-10 * max(abs(covariance[i, j]), abs(covariance[j, i]), 1e-300) {
                throw QuantError(.invalidArgument, "the covariance is not symmetric at (\(names[i]), \(names[j]))")
            }
        }
        let (lambda, vectors) = try covariance.symmetricEigen()
        let largest = lambda.last ?? 0
        guard largest > 0 else {
            throw QuantError(.notPositiveDefinite, "the covariance has no positive eigenvalue: no asset moves")
        }
        if lambda[0] > relativeFloor * largest { return (covariance, []) }
        if regularize {
            let repaired = try covariance.nearestPositiveDefinite(minimumEigenvalue: 1e-10 * largest)
            return (repaired, ["covariance regularised to the nearest positive-definite matrix (smallest eigenvalue \(lambda[0]) raised to \(1e-10 * largest))"])
        }
        let v = vectors.column(0)
        let peak = v.map(abs).max() ?? 1
        let involved = (0..<n).filter { abs(v[$0]) >= 0.1 * peak }.sorted { abs(v[$0]) > abs(v[$1]) }
        let what = lambda[0] < -relativeFloor * largest ? "not positive semi-definite" : "singular"
        throw QuantError(.notPositiveDefinite, "the covariance is \(what) (smallest eigenvalue \(lambda[0]), largest \(largest)): a combination of \(involved.map { names[$0] }.joined(separator: ", ")) has no variance; drop a duplicated asset or regularise")
    }
}

extension HMMCovarianceType {
    /// Checks `matrices` (one `d × d` matrix per state or component) against this
    /// parameterisation: finite, symmetric (to 1e-12 relative), zero off the diagonal for diag and
    /// spherical, equal diagonal entries for spherical, the same matrix everywhere for tied, and
    /// positive definite. `field` names the matrices in the messages, `unit` what each belongs to.
    /// - Throws: `.nonFinite` for NaN or infinity, `.invalidArgument` for the rest.
    func check(_ matrices: [[[Double]]], dimension d: Int, field: String, unit: String) throws {
        for (s, c) in matrices.enumerated() {
            for i in 0..<d {
                for j in 0..<d {
                    guard c[i][j].isFinite else { throw RegimeError(.nonFinite, "\(field)[\(s)][\(i)][\(j)]: expected a finite value") }
                    guard abs(c[i][j] - c[j][i]) <= 1e-12 * max(abs(c[i][j]), 1) else {
                        throw RegimeError(.invalidArgument, "\(field)[\(s)]: expected a symmetric matrix")
                    }
                    if (self == .diag || self == .spherical) && i != j && c[i][j] != 0 {
                        throw RegimeError(.invalidArgument, "\(field)[\(s)][\(i)][\(j)]: expected 0 off the diagonal for \(rawValue) \(field)")
                    }
                }
                if self == .spherical && c[i][i] != c[0][0] {
                    throw RegimeError(.invalidArgument, "\(field)[\(s)]: expected equal diagonal entries for spherical \(field)")
                }
            }
            if self == .tied && c != matrices[0] {
                throw RegimeError(.invalidArgument, "\(field)[\(s)]: expected the same matrix for every \(unit) with tied \(field)")
            }
            guard choleskyLower(c.flatMap { $0 }, d) != nil else {
                throw RegimeError(.invalidArgument, "\(field)[\(s)]: expected a positive-definite matrix")
            }
        }
    }

    /// Free parameters of `k` matrices of dimension `d` under this parameterisation (hmmlearn's
    /// and scikit-learn's count): `k` (spherical), `k·d` (diag), `k·d(d + 1)/2` (full), `d(d + 1)/2` (tied).
    func parameterCount(states k: Int, dimension d: Int) -> Int {
        switch self {
        case .spherical: k
        case .diag: k * d
        case .full: k * d * (d + 1) / 2
        case .tied: d * (d + 1) / 2
        }
    }
}

import CLapack

extension Matrix {
    /// The minimum-norm least-squares solution of `self · x ≈ b` (LAPACK `dgelsd`, as NumPy's
    /// `lstsq` with its default cutoff: singular values below `ε · max(m, n) · s_max` count as 0),
    /// with the effective rank and the singular values of `self`.
    public func leastSquares(_ b: [Double]) throws -> (solution: [Double], rank: Int, singularValues: [Double]) {
        guard b.count == rows else {
            throw QuantError(.shapeMismatch, "a \(rows)×\(columns) system needs \(rows) right-hand-side values, got \(b.count)")
        }
        try requireFinite("the design matrix")
        if let k = b.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "right-hand side[\(k)] is \(b[k]); a finite number is required")
        }
        let k = min(rows, columns)
        guard k > 0 else { return ([Double](repeating: 0, count: columns), 0, []) }
        var a = values
        // dgelsd overwrites b (sized max(m, n)) with the solution in its first n entries.
        var x = b + [Double](repeating: 0, count: max(0, columns - rows))
        var s = [Double](repeating: 0, count: k)
        var rank: Int32 = 0
        let rcond = Double.ulpOfOne * Double(max(rows, columns))
        let info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(rows), Int32(columns), 1, &a, Int32(columns), &x, 1, &s, rcond, &rank)
        if info > 0 {
            throw QuantError(.noConvergence, "the least-squares SVD (dgelsd) did not converge")
        }
        try LAPACKStatus.check(info, "dgelsd")
        return (Array(x.prefix(columns)), Int(rank), s)
    }

    /// The Moore-Penrose pseudo-inverse through the SVD, singular values at or below
    /// `rcond · s_max` treated as 0 (NumPy's `pinv`, whose default `rcond` is 1e-15).
    public func pseudoInverse(rcond: Double = 1e-15) throws -> Matrix {
        guard rcond >= 0 else { throw QuantError(.invalidArgument, "rcond must be ≥ 0, got \(rcond)") }
        return pseudoInverse(singularValueDecomposition: try singularValueDecomposition(), rcond: rcond)
    }

    /// The pseudo-inverse from an SVD the caller already has (so it is not computed twice).
    func pseudoInverse(singularValueDecomposition svd: (u: Matrix, s: [Double], vt: Matrix), rcond: Double = 1e-15) -> Matrix {
        let (u, s, vt) = svd
        let cutoff = rcond * (s.max() ?? 0)
        let k = s.count
        // pinv = V · diag(1/s) · Uᵀ: scale the rows of Vᵀ, then (Vᵀ scaled)ᵀ · Uᵀ.
        var scaled = vt.values
        for i in 0..<k {
            let inverse = s[i] > cutoff ? 1 / s[i] : 0
            for j in 0..<columns { scaled[i * columns + j] *= inverse }
        }
        var out = [Double](repeating: 0, count: columns * rows)
        if k > 0 {
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasTrans, Int32(columns), Int32(rows), Int32(k),
                        1, scaled, Int32(columns), u.values, Int32(k), 0, &out, Int32(rows))
        }
        return Matrix(uncheckedRows: columns, columns: rows, values: out)
    }

    /// The symmetric positive-definite matrix nearest to `self` in the Frobenius norm, with every
    /// eigenvalue at least `minimumEigenvalue`: the symmetric part `(A + Aᵀ)/2` with its
    /// eigenvalues raised to the floor (Higham, "Computing a nearest symmetric positive
    /// semidefinite matrix", *Linear Algebra Appl.* 103, 1988, Theorem 2.1, with a positive floor
    /// so the result is definite). The default floor is `1e-10 · max|λ|`, relative so that it
    /// means the same for a correlation matrix and for a covariance of daily returns (whose
    /// eigenvalues are around 1e-4); a zero matrix gets the smallest normal double.
    public func nearestPositiveDefinite(minimumEigenvalue: Double? = nil) throws -> Matrix {
        try requireSquare("the matrix")
        let n = rows
        var symmetric = values
        for i in 0..<n {
            for j in 0..<n { symmetric[i * n + j] = 0.5 * (values[i * n + j] + values[j * n + i]) }
        }
        let (lambda, v) = try Matrix(uncheckedRows: n, columns: n, values: symmetric).symmetricEigen()
        let floor = minimumEigenvalue ?? max(1e-10 * (lambda.map(abs).max() ?? 0), Double.leastNormalMagnitude)
        guard floor > 0, floor.isFinite else {
            throw QuantError(.invalidArgument, "minimumEigenvalue must be positive and finite, got \(floor)")
        }
        // V · diag(max(λ, floor)) · Vᵀ, then symmetrised so round-off leaves no asymmetry.
        var scaled = v.values
        for j in 0..<n {
            let l = max(lambda[j], floor)
            for i in 0..<n { scaled[i * n + j] *= l }
        }
        var out = [Double](repeating: 0, count: n * n)
        if n > 0 {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(n),
                        1, scaled, Int32(n), v.values, Int32(n), 0, &out, Int32(n))
        }
        for i in 0..<n {
            for j in (i + 1)..<n {
                let m = 0.5 * (out[i * n + j] + out[j * n + i])
                out[i * n + j] = m
                out[j * n + i] = m
            }
        }
        return Matrix(uncheckedRows: n, columns: n, values: out)
    }
}

import CLapack

extension Matrix {
    /// The lower-triangular `L` with `L · Lᵀ = self` (LAPACK `dpotrf`; only the lower triangle of
    /// `self` is read).
    ///
    /// - Throws: ``QuantError/Code/notPositiveDefinite`` naming the order of the first leading
    ///   minor that is not positive definite.
    public func cholesky() throws -> Matrix {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        var a = values
        if rows > 0 {
            let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(rows), &a, Int32(rows))
            if info > 0 {
                throw QuantError(.notPositiveDefinite, "the matrix is not positive definite: its leading minor of order \(info) is not")
            }
            try LAPACKStatus.check(info, "dpotrf")
        }
        for i in 0..<rows {
            for j in (i + 1)..<rows { a[i * rows + j] = 0 }
        }
        return Matrix(uncheckedRows: rows, columns: rows, values: a)
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (the columns of `vectors`, in the
    /// same order) of a symmetric matrix (LAPACK `dsyevd`, as NumPy's `eigh`; only the lower
    /// triangle is read). Each eigenvector's sign is LAPACK's.
    public func symmetricEigen() throws -> (values: [Double], vectors: Matrix) {
        try requireSquare("the matrix")
        try requireFinite("the matrix")
        var a = values
        var w = [Double](repeating: 0, count: rows)
        if rows > 0 {
            let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")), Int32(rows), &a, Int32(rows), &w)
            if info > 0 {
                throw QuantError(.noConvergence, "the symmetric eigensolver (dsyevd) did not converge (\(info) off-diagonal elements left)")
            }
            try LAPACKStatus.check(info, "dsyevd")
        }
        return (w, Matrix(uncheckedRows: rows, columns: rows, values: a))
    }

    /// The thin singular value decomposition `self = U · diag(s) · Vᵀ`, singular values
    /// descending (LAPACK `dgesdd`, as NumPy's `svd(full_matrices=False)`).
    public func singularValueDecomposition() throws -> (u: Matrix, s: [Double], vt: Matrix) {
        try requireFinite("the matrix")
        let k = min(rows, columns)
        var a = values
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: rows * k)
        var vt = [Double](repeating: 0, count: k * columns)
        if k > 0 {
            let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(rows), Int32(columns), &a, Int32(columns),
                                      &s, &u, Int32(k), &vt, Int32(columns))
            if info > 0 {
                throw QuantError(.noConvergence, "the singular value decomposition (dgesdd) did not converge")
            }
            try LAPACKStatus.check(info, "dgesdd")
        }
        return (Matrix(uncheckedRows: rows, columns: k, values: u), s, Matrix(uncheckedRows: k, columns: columns, values: vt))
    }
}

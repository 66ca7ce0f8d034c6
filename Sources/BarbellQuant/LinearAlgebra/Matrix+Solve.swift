import CLapack

extension Matrix {
    /// The `X` with `self · X = b`, by LU with partial pivoting (LAPACK `dgesv`).
    ///
    /// - Throws: ``QuantError/Code/singularMatrix`` naming the zero pivot when `self` is exactly
    ///   singular, ``QuantError/Code/shapeMismatch`` or ``QuantError/Code/nonFinite``.
    public func solve(_ b: Matrix) throws -> Matrix {
        try requireSquare("the coefficient matrix")
        guard b.rows == rows else {
            throw QuantError(.shapeMismatch, "a \(rows)×\(rows) system needs \(rows) right-hand-side rows, got \(b.rows)")
        }
        try requireFinite("the coefficient matrix")
        try b.requireFinite("the right-hand side")
        guard rows > 0, b.columns > 0 else { return b }
        var a = values, x = b.values
        var pivots = [Int32](repeating: 0, count: rows)
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(rows), Int32(b.columns), &a, Int32(rows), &pivots, &x, Int32(b.columns))
        if info > 0 {
            throw QuantError(.singularMatrix, "the coefficient matrix is singular: pivot \(info) of its LU factorisation is exactly 0")
        }
        try LAPACKStatus.check(info, "dgesv")
        return Matrix(uncheckedRows: b.rows, columns: b.columns, values: x)
    }

    /// The `x` with `self · x = b` (see ``solve(_:)-(Matrix)``).
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, values: b)).values
    }
}

/// Turns LAPACK's negative `info` (an illegal argument, which is a bug on our side, not bad data)
/// into an error rather than a silent result.
enum LAPACKStatus {
    static func check(_ info: Int32, _ routine: String) throws {
        if info < 0 {
            throw QuantError(.invalidArgument, "LAPACK \(routine) rejected argument \(-info)")
        }
    }
}

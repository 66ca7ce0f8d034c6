import CLapack

extension Matrix {
    /// `self · other` (BLAS `dgemm`).
    public func multiplied(by other: Matrix) throws -> Matrix {
        guard columns == other.rows else {
            throw QuantError(.shapeMismatch, "cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        }
        var out = [Double](repeating: 0, count: rows * other.columns)
        if rows > 0 && other.columns > 0 && columns > 0 {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(other.columns), Int32(columns),
                        1, values, Int32(columns), other.values, Int32(other.columns), 0, &out, Int32(other.columns))
        }
        return Matrix(uncheckedRows: rows, columns: other.columns, values: out)
    }

    /// `self · v` (BLAS `dgemv`).
    public func multiplied(by v: [Double]) throws -> [Double] {
        guard columns == v.count else {
            throw QuantError(.shapeMismatch, "cannot multiply \(rows)×\(columns) by a vector of \(v.count)")
        }
        var out = [Double](repeating: 0, count: rows)
        if rows > 0 && columns > 0 {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, values, Int32(columns), v, 1, 0, &out, 1)
        }
        return out
    }
}

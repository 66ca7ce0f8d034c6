/// A dense matrix of doubles, stored row-major (row `i` occupies `values[i·columns ..< (i+1)·columns]`).
///
/// The linear algebra on it goes through LAPACK and BLAS (OpenBLAS), which read row-major input
/// through LAPACKE's row-major entry points, so no transposing copies are made on the way.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    /// A `rows × columns` matrix from row-major `values`.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw QuantError(.shapeMismatch, "a \(rows)×\(columns) matrix needs \(rows * columns) values, got \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from its rows, which must all have one length.
    public init(_ rows: [[Double]]) throws {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw QuantError(.shapeMismatch, "row \(bad) has \(rows[bad].count) values, row 0 has \(width)")
        }
        try self.init(rows: rows.count, columns: width, values: rows.flatMap { $0 })
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var values = [Double](repeating: 0, count: n * n)
        for i in 0..<n { values[i * n + i] = 1 }
        return Matrix(uncheckedRows: n, columns: n, values: values)
    }

    init(uncheckedRows rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    public var isSquare: Bool { rows == columns }

    public var transposed: Matrix {
        var out = [Double](repeating: 0, count: values.count)
        for i in 0..<rows {
            for j in 0..<columns { out[j * rows + i] = values[i * columns + j] }
        }
        return Matrix(uncheckedRows: columns, columns: rows, values: out)
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { (0..<rows).map { values[$0 * columns + j] } }

    /// Fails unless every entry is finite; `name` says which argument in the message.
    func requireFinite(_ name: String) throws {
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "\(name)[\(k / max(columns, 1)), \(k % max(columns, 1))] is \(values[k]); a finite number is required")
        }
    }

    func requireSquare(_ name: String) throws {
        guard isSquare else { throw QuantError(.shapeMismatch, "\(name) must be square, got \(rows)×\(columns)") }
    }
}

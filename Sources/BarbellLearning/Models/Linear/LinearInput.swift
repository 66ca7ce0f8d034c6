import BarbellQuant

/// Checks shared by every linear model's `fit` and `predict`, so each model's own file holds only
/// its optimiser and the messages name the same row, column or parameter everywhere.
enum LinearInput {
    /// A matrix from rows, naming the first row whose length differs from row 0.
    static func matrix(_ rows: [[Double]], _ name: String = "x") throws -> Matrix {
        let width = rows.first?.count ?? 0
        if let bad = rows.firstIndex(where: { $0.count != width }) {
            throw LearningError(.shapeMismatch, "\(name) row \(bad) has \(rows[bad].count) values, row 0 has \(width)")
        }
        return try Matrix(rows: rows.count, columns: width, values: rows.flatMap { $0 })
    }

    /// Fails unless every entry of `x` is finite, naming the first bad (row, column).
    static func requireFinite(_ x: Matrix, _ name: String = "x") throws {
        if let k = x.values.firstIndex(where: { !$0.isFinite }) {
            let c = max(x.columns, 1)
            throw LearningError(.nonFinite, "\(name)[row \(k / c), column \(k % c)] is \(x.values[k]); a finite number is required")
        }
    }

    /// Validates a training set and returns the sample weights (all 1 when none are given).
    static func training(x: Matrix, y: [Double], sampleWeight: [Double]?) throws -> [Double] {
        guard x.rows > 0, x.columns > 0 else {
            throw LearningError(.insufficientData, "x is \(x.rows)×\(x.columns); at least one row and one column are needed")
        }
        guard y.count == x.rows else {
            throw LearningError(.shapeMismatch, "y has \(y.count) values but x has \(x.rows) rows")
        }
        try requireFinite(x)
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw LearningError(.nonFinite, "y[row \(i)] is \(y[i]); a finite number is required")
        }
        guard let w = sampleWeight else { return [Double](repeating: 1, count: x.rows) }
        guard w.count == x.rows else {
            throw LearningError(.shapeMismatch, "sampleWeight has \(w.count) values but x has \(x.rows) rows")
        }
        if let i = w.firstIndex(where: { !$0.isFinite }) {
            throw LearningError(.nonFinite, "sampleWeight[row \(i)] is \(w[i]); a finite number is required")
        }
        if let i = w.firstIndex(where: { $0 < 0 }) {
            throw LearningError(.invalidArgument, "sampleWeight[row \(i)] is \(w[i]); weights must be ≥ 0")
        }
        guard w.reduce(0, +) > 0 else {
            throw LearningError(.invalidArgument, "sampleWeight sums to 0; at least one positive weight is needed")
        }
        return w
    }

    /// Validates rows to predict on against the fitted coefficients.
    static func prediction(x: Matrix, coefficients: [Double], model: String) throws {
        guard !coefficients.isEmpty else {
            throw LearningError(.invalidArgument, "\(model) is not fitted; call fit before predicting")
        }
        guard x.columns == coefficients.count else {
            throw LearningError(.shapeMismatch, "x has \(x.columns) columns but \(model) was fitted on \(coefficients.count)")
        }
        try requireFinite(x)
    }

    /// Weighted column means of `x` and the weighted mean of `y` (the centring that makes an
    /// unpenalised intercept drop out of a penalised least-squares problem).
    static func weightedMeans(x: Matrix, y: [Double], weights: [Double]) -> (x: [Double], y: Double) {
        let total = weights.reduce(0, +)
        var mx = [Double](repeating: 0, count: x.columns)
        var my = 0.0
        for i in 0..<x.rows {
            let w = weights[i]
            my += w * y[i]
            for j in 0..<x.columns { mx[j] += w * x.values[i * x.columns + j] }
        }
        return (mx.map { $0 / total }, my / total)
    }

    /// `sqrt(w_i)·(x_i − mean_x)` and `sqrt(w_i)·(y_i − mean_y)`: weighted least squares as ordinary.
    static func centredScaled(x: Matrix, y: [Double], weights: [Double], means: (x: [Double], y: Double))
        -> (x: Matrix, y: [Double])
    {
        var xs = x.values
        var ys = y
        for i in 0..<x.rows {
            let s = weights[i].squareRoot()
            ys[i] = s * (y[i] - means.y)
            for j in 0..<x.columns { xs[i * x.columns + j] = s * (xs[i * x.columns + j] - means.x[j]) }
        }
        // Shapes are unchanged, so this cannot throw.
        return (try! Matrix(rows: x.rows, columns: x.columns, values: xs), ys)
    }

    /// `x` with a trailing column of ones (the intercept's column in a design matrix).
    static func withOnes(_ x: Matrix) -> Matrix {
        var v = [Double]()
        v.reserveCapacity(x.rows * (x.columns + 1))
        for i in 0..<x.rows { v += x.row(i); v.append(1) }
        return try! Matrix(rows: x.rows, columns: x.columns + 1, values: v)
    }

    /// `diag(d) · x`: row `i` of `x` times `d[i]`.
    static func rowsScaled(_ x: Matrix, by d: [Double]) -> Matrix {
        var v = x.values
        for i in 0..<x.rows {
            for j in 0..<x.columns { v[i * x.columns + j] *= d[i] }
        }
        return try! Matrix(rows: x.rows, columns: x.columns, values: v)
    }
}

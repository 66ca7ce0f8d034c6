/// A small convex programme over portfolio weights: minimise `xᵀQx + cᵀx` (Q over the first
/// `Q.rows` variables) subject to bounds and named linear rows.
///
/// GLPK finds a feasible point first (when it finds none, the rows are added one at a time to
/// name the first that makes the set infeasible); from it an exact active-set method solves the
/// programme (see `activeSetSolution`), with NLopt's SLSQP (analytic gradients, tight
/// tolerances) as the fallback when that method cannot proceed.
struct QuadraticProgram {
    enum Sense { case equal, atMost, atLeast }

    struct Row {
        var name: String
        var coefficients: [Double]
        var sense: Sense
        var bound: Double
    }

    var dimension: Int
    var quadratic: Matrix?
    var linear: [Double]
    var lower: [Double]
    var upper: [Double]
    var rows: [Row] = []

    init(dimension: Int) {
        self.dimension = dimension
        linear = Array(repeating: 0, count: dimension)
        lower = Array(repeating: -.infinity, count: dimension)
        upper = Array(repeating: .infinity, count: dimension)
    }

    /// A point meeting the bounds and linear rows (GLPK), or `infeasible` naming a row.
    func feasiblePoint() throws -> [Double] {
        do {
            return try linearProgram(rows.count).solve().x
        } catch let error as QuantError where error.code == .infeasible {
            // Bounds alone first, then the rows in order: the first that breaks feasibility is named.
            if (try? linearProgram(0).solve()) == nil {
                throw QuantError(.infeasible, "the weight bounds admit no portfolio")
            }
            for k in 1...rows.count where (try? linearProgram(k).solve()) == nil {
                throw QuantError(.infeasible, "the constraint '\(rows[k - 1].name)' cannot be met together with the weight bounds\(k > 1 ? " and " + rows[0..<(k - 1)].map { "'\($0.name)'" }.joined(separator: ", ") : "")")
            }
            throw error
        }
    }

    /// The largest `cᵀx` over the bounds and linear rows (GLPK simplex).
    func maximum(of c: [Double]) throws -> Double {
        -(try linearProgram(rows.count, objective: c.map { -$0 }).solve().value)
    }

    private func linearProgram(_ rowCount: Int, objective: [Double]? = nil) -> LinearProgram {
        var lp = LinearProgram(minimizing: objective ?? Array(repeating: 0, count: dimension))
        lp.variableBounds = (0..<dimension).map { i in
            switch (lower[i].isFinite, upper[i].isFinite) {
            case (true, true): .between(lower[i], upper[i])
            case (true, false): .atLeast(lower[i])
            case (false, true): .atMost(upper[i])
            case (false, false): .free
            }
        }
        lp.rows = rows.prefix(rowCount).map { row in
            let bound: LinearProgram.Bound = switch row.sense {
            case .equal: .equal(row.bound)
            case .atMost: .atMost(row.bound)
            case .atLeast: .atLeast(row.bound)
            }
            return LinearProgram.Row(dense: row.coefficients, bound: bound)
        }
        return lp
    }

    /// The minimiser, from `start` (a feasible point; GLPK's when nil).
    func solve(from start: [Double]? = nil) throws -> (x: [Double], status: String) {
        let x0 = try start ?? feasiblePoint()
        if let (x, iterations) = activeSetSolution(from: x0), isFeasible(x) {
            return (x, "optimal (active-set QP, \(iterations) iterations)")
        }
        let s = try slsqp(from: x0)
        return (s.x, "optimal (SLSQP \(s.status.rawValue), \(s.evaluations) evaluations)")
    }

    /// `xᵀQx + cᵀx`.
    func objective(_ x: [Double]) -> Double {
        var value = zip(linear, x).reduce(0) { $0 + $1.0 * $1.1 }
        if let q = quadratic { value += x.withUnsafeBufferPointer { QuadraticProgram.quadraticForm(q, $0, gradient: nil) } }
        return value
    }

    /// Whether `x` meets the bounds and rows to 1e-9 (relative to the row's size).
    func isFeasible(_ x: [Double]) -> Bool {
        for i in 0..<dimension where x[i] < lower[i] - 1e-12 || x[i] > upper[i] + 1e-12 || !x[i].isFinite { return false }
        for row in rows {
            let ax = zip(row.coefficients, x).reduce(0) { $0 + $1.0 * $1.1 }
            let tolerance = 1e-9 * (1 + abs(row.bound))
            switch row.sense {
            case .equal: if abs(ax - row.bound) > tolerance { return false }
            case .atMost: if ax > row.bound + tolerance { return false }
            case .atLeast: if ax < row.bound - tolerance { return false }
            }
        }
        return true
    }

    /// SLSQP from `x0`.
    func slsqp(from x0: [Double]) throws -> NonlinearSolution {
        let n = dimension
        let q = quadratic
        var problem = NonlinearProgram(dimension: n) { x, gradient in
            var value = 0.0
            for i in 0..<n { value += linear[i] * x[i] }
            if let gradient { for i in 0..<n { gradient[i] = linear[i] } }
            if let q { value += QuadraticProgram.quadraticForm(q, x, gradient: gradient) }
            return value
        }
        problem.lowerBounds = lower
        problem.upperBounds = upper
        for row in rows {
            let a = row.coefficients, b = row.bound
            let sign: Double = row.sense == .atLeast ? -1 : 1
            let constraint = NonlinearProgram.Constraint(tolerance: 1e-12) { x, gradient in
                var value = -b
                for i in 0..<n { value += a[i] * x[i] }
                if let gradient { for i in 0..<n { gradient[i] = sign * a[i] } }
                return sign * value
            }
            if row.sense == .equal { problem.equalities.append(constraint) } else { problem.inequalities.append(constraint) }
        }
        var solver = NonlinearSolver(.slsqp)
        solver.relativeFunctionTolerance = 1e-15
        solver.relativeStepTolerance = 1e-12
        solver.maxEvaluations = 20_000
        return try solver.minimize(problem, from: x0)
    }

    /// `xᵀQx` over the first `Q.rows` entries of `x`, adding `2Qx` to `gradient`'s first entries.
    static func quadraticForm(_ q: Matrix, _ x: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let m = q.rows
        var value = 0.0
        q.values.withUnsafeBufferPointer { qv in
            for i in 0..<m {
                var s = 0.0
                let base = i * m
                for j in 0..<m { s += qv[base + j] * x[j] }
                value += x[i] * s
                if let gradient { gradient[i] += 2 * s }
            }
        }
        return value
    }
}

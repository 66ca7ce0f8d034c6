/// An exact primal active-set method (Nocedal & Wright, *Numerical Optimization*, 2nd ed.,
/// Algorithm 16.3) for the convex programmes of ``QuadraticProgram``:
/// variables at a bound are eliminated, and each iteration solves one dense KKT system over the
/// free variables and the working rows (LAPACK `dgesv`), so the cost follows the number of
/// assets held rather than the number offered. A hundred-asset minimum-volatility problem takes
/// a few milliseconds where SLSQP's dense subproblems take a few hundred.
extension QuadraticProgram {
    /// The minimiser from the feasible `start`, or nil when the method cannot proceed (a singular
    /// KKT system, rows dependent at the start, cycling), in which case the caller falls back to SLSQP.
    func activeSetSolution(from start: [Double]) -> (x: [Double], iterations: Int)? {
        let n = dimension
        let m = quadratic?.rows ?? 0
        // The Hessian of xᵀQx + cᵀx is 2Q.
        func h(_ i: Int, _ j: Int) -> Double { i < m && j < m ? 2 * quadratic![i, j] : 0 }
        // Rows as a·x = b (equalities) or a·x ≤ b (inequalities, "≥" rows negated).
        let equalities = rows.filter { $0.sense == .equal }.map { ($0.coefficients, $0.bound) }
        let inequalities = rows.filter { $0.sense != .equal }.map { $0.sense == .atMost ? ($0.coefficients, $0.bound) : ($0.coefficients.map { -$0 }, -$0.bound) }
        let scale = 1 + (start.map(abs).max() ?? 0)
        let feasibility = 1e-10 * scale

        var x = zip(start, zip(lower, upper)).map { min(max($0, $1.0), $1.1) }
        // 0 free, −1 at its lower bound, +1 at its upper bound.
        var fixed = [Int](repeating: 0, count: n)
        for i in 0..<n {
            if lower[i].isFinite, x[i] - lower[i] <= feasibility { fixed[i] = -1; x[i] = lower[i] }
            else if upper[i].isFinite, upper[i] - x[i] <= feasibility { fixed[i] = 1; x[i] = upper[i] }
        }
        var active = Set(inequalities.indices.filter { k in
            let (a, b) = inequalities[k]
            return b - zip(a, x).reduce(0) { $0 + $1.0 * $1.1 } <= feasibility
        })

        func workingRows() -> [([Double], Double, Int?)] {
            equalities.map { ($0.0, $0.1, nil) } + active.sorted().map { (inequalities[$0].0, inequalities[$0].1, $0) }
        }
        // The working rows restricted to the free variables must have full row rank; free fixed
        // variables (then drop active inequality rows) until they do.
        func fullRank() -> Bool {
            let free = (0..<n).filter { fixed[$0] == 0 }
            let w = workingRows()
            if w.isEmpty { return true }
            if free.count < w.count { return false }
            guard let c = try? Matrix(rows: w.count, columns: free.count, values: w.flatMap { row in free.map { row.0[$0] } }),
                  let s = try? c.singularValueDecomposition().s else { return false }
            return (s.last ?? 0) > 1e-10 * (s.first ?? 0) && (s.first ?? 0) > 0
        }
        if !fullRank() {
            for i in 0..<n where fixed[i] != 0 {
                fixed[i] = 0
                if fullRank() { break }
            }
            while !fullRank(), let k = active.first { active.remove(k) }
            guard fullRank() else { return nil }
        }

        let maxIterations = 10 * (n + rows.count) + 100
        for iteration in 0..<maxIterations {
            let free = (0..<n).filter { fixed[$0] == 0 }
            let w = workingRows()
            let k = free.count, r = w.count
            // KKT: [H_ΦΦ C_Φᵀ; C_Φ 0] [x_Φ; ν] = [−c_Φ − H_ΦF x_F; d − C_F x_F].
            var kkt = [Double](repeating: 0, count: (k + r) * (k + r))
            var rhs = [Double](repeating: 0, count: k + r)
            let size = k + r
            for (a, i) in free.enumerated() {
                for (b, j) in free.enumerated() { kkt[a * size + b] = h(i, j) }
                var v = -linear[i]
                for j in 0..<n where fixed[j] != 0 { v -= h(i, j) * x[j] }
                rhs[a] = v
                for (q, row) in w.enumerated() {
                    kkt[a * size + k + q] = row.0[i]
                    kkt[(k + q) * size + a] = row.0[i]
                }
            }
            for (q, row) in w.enumerated() {
                var v = row.1
                for j in 0..<n where fixed[j] != 0 { v -= row.0[j] * x[j] }
                rhs[k + q] = v
            }
            guard size > 0 else { return nil }
            guard let system = try? Matrix(rows: size, columns: size, values: kkt), let solution = try? system.solve(rhs) else { return nil }
            var target = x
            for (a, i) in free.enumerated() { target[i] = solution[a] }
            let nu = Array(solution[k...])
            let step = (0..<n).map { target[$0] - x[$0] }
            let stepSize = step.map(abs).max() ?? 0

            if stepSize <= 1e-13 * scale {
                // Optimal for the working set: check the signs of the inequality multipliers.
                var g = linear
                for i in 0..<m {
                    var s = 0.0
                    for j in 0..<m { s += h(i, j) * target[j] }
                    g[i] += s
                }
                for (q, row) in w.enumerated() { for i in 0..<n { g[i] += nu[q] * row.0[i] } }
                let tolerance = 1e-11 * (1 + (g.map(abs).max() ?? 0) + (nu.map(abs).max() ?? 0))
                var worst = -tolerance, drop: (bound: Int?, row: Int?) = (nil, nil)
                for i in 0..<n where fixed[i] != 0 {
                    let lambda = fixed[i] < 0 ? g[i] : -g[i]
                    if lambda < worst { worst = lambda; drop = (i, nil) }
                }
                for (q, row) in w.enumerated() {
                    if let index = row.2, nu[q] < worst { worst = nu[q]; drop = (nil, index) }
                }
                x = target
                if let i = drop.bound { fixed[i] = 0; continue }
                if let q = drop.row { active.remove(q); continue }
                return (x, iteration + 1)
            }

            // Longest feasible step towards the target; the first constraint it meets joins.
            var alpha = 1.0, blocking: (bound: Int?, side: Int, row: Int?) = (nil, 0, nil)
            for i in free {
                if step[i] < 0, lower[i].isFinite {
                    let t = max(x[i] - lower[i], 0) / -step[i]
                    if t < alpha { alpha = t; blocking = (i, -1, nil) }
                } else if step[i] > 0, upper[i].isFinite {
                    let t = max(upper[i] - x[i], 0) / step[i]
                    if t < alpha { alpha = t; blocking = (i, 1, nil) }
                }
            }
            for q in inequalities.indices where !active.contains(q) {
                let (a, b) = inequalities[q]
                var ap = 0.0, ax = 0.0, norm = 0.0
                for i in 0..<n { ap += a[i] * step[i]; ax += a[i] * x[i]; norm += abs(a[i]) }
                guard ap > 1e-14 * norm * stepSize else { continue }
                let t = max(b - ax, 0) / ap
                if t < alpha { alpha = t; blocking = (nil, 0, q) }
            }
            for i in 0..<n { x[i] += alpha * step[i] }
            if let i = blocking.bound {
                fixed[i] = blocking.side
                x[i] = blocking.side < 0 ? lower[i] : upper[i]
            } else if let q = blocking.row {
                active.insert(q)
            }
        }
        return nil
    }
}

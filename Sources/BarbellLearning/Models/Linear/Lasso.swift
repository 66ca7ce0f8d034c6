import BarbellQuant

/// The lasso: minimises `1/(2n) Σ sᵢ (yᵢ − xᵢ·w − b)² + α‖w‖₁` by cyclic coordinate descent, as
/// scikit-learn's `Lasso` (weights rescaled to sum to n, as scikit-learn does).
///
/// The intercept is unpenalised (columns and target are centred on their weighted means). After a
/// sweep whose largest coordinate change is below `tol` times the largest coefficient, the duality
/// gap is computed; the fit stops when it is below `tol · ‖y_c‖²` (scikit-learn's rule). Reaching
/// `maxIter` sweeps without that is an error rather than a half-converged result.
public struct Lasso: LinearModel {
    /// The L1 penalty `α > 0`.
    public let alpha: Double
    /// Whether an unpenalised intercept is fitted.
    public let fitIntercept: Bool
    /// The most coordinate-descent sweeps allowed.
    public let maxIter: Int
    /// The duality-gap tolerance, relative to `‖y_c‖²`.
    public let tol: Double
    /// The fitted weights, one per column of `x` (empty before `fit`).
    public private(set) var coefficients: [Double] = []
    /// The fitted intercept (0 without `fitIntercept`, or before `fit`).
    public private(set) var intercept: Double = 0
    /// Sweeps the last fit took.
    public private(set) var iterations: Int = 0

    /// A lasso model; throws `invalidArgument` for `alpha ≤ 0` (use ``Ridge`` with `alpha = 0` for
    /// least squares), `maxIter < 1` or `tol ≤ 0`.
    public init(alpha: Double = 1, fitIntercept: Bool = true, maxIter: Int = 1000, tol: Double = 1e-4) throws {
        guard alpha.isFinite, alpha > 0 else {
            throw LearningError(.invalidArgument, "Lasso alpha is \(alpha); a finite value > 0 is needed")
        }
        guard maxIter >= 1 else { throw LearningError(.invalidArgument, "Lasso maxIter is \(maxIter); ≥ 1 is needed") }
        guard tol.isFinite, tol > 0 else { throw LearningError(.invalidArgument, "Lasso tol is \(tol); a finite value > 0 is needed") }
        self.alpha = alpha
        self.fitIntercept = fitIntercept
        self.maxIter = maxIter
        self.tol = tol
    }

    /// Fits by cyclic coordinate descent from `w = 0`.
    ///
    /// - Throws: `LearningError` for bad input, or `notConverged` naming `maxIter` and the last
    ///   duality gap when the gap is still above tolerance after `maxIter` sweeps.
    public mutating func fit(x: Matrix, y: [Double], sampleWeight: [Double]?) throws {
        var sw = try LinearInput.training(x: x, y: y, sampleWeight: sampleWeight)
        let n = x.rows, p = x.columns
        let total = sw.reduce(0, +)
        sw = sw.map { $0 * Double(n) / total }
        let means: (x: [Double], y: Double) = fitIntercept ? LinearInput.weightedMeans(x: x, y: y, weights: sw)
                                 : ([Double](repeating: 0, count: p), 0)
        let (xs, ys) = LinearInput.centredScaled(x: x, y: y, weights: sw, means: means)
        // Column-major copy: each coordinate step reads one column.
        let cols = (0..<p).map { xs.column($0) }
        let norms = cols.map { dot($0, $0) }
        let l1 = alpha * Double(n)
        let gapTol = tol * dot(ys, ys)
        var w = [Double](repeating: 0, count: p)
        var r = ys
        var gap = Double.infinity
        var converged = false
        var sweeps = 0
        for sweep in 0..<maxIter {
            sweeps = sweep + 1
            var wMax = 0.0, dMax = 0.0
            for j in 0..<p where norms[j] > 0 {
                let old = w[j]
                if old != 0 { axpy(old, cols[j], &r) }
                let t = dot(cols[j], r)
                let new = t.sign == .minus ? -max(-t - l1, 0) / norms[j] : max(t - l1, 0) / norms[j]
                w[j] = new
                if new != 0 { axpy(-new, cols[j], &r) }
                dMax = max(dMax, abs(new - old))
                wMax = max(wMax, abs(new))
            }
            if wMax == 0 || dMax / wMax < tol || sweep == maxIter - 1 {
                gap = Self.dualityGap(cols: cols, r: r, y: ys, w: w, l1: l1)
                // `<=` so that a target that is constant (gapTol = 0) converges at w = 0.
                if gap <= gapTol { converged = true; break }
            }
        }
        guard converged else {
            throw LearningError(.notConverged, "Lasso did not converge in maxIter = \(maxIter) sweeps: duality gap \(gap) > \(gapTol); raise maxIter or tol")
        }
        iterations = sweeps
        coefficients = w
        intercept = fitIntercept ? means.y - zip(means.x, w).reduce(0) { $0 + $1.0 * $1.1 } : 0
    }

    /// Predictions `x·w + b`.
    public func predict(_ x: Matrix) throws -> [Double] { try linearPredictor(x) }

    /// Predictions for rows given as arrays.
    public func predict(_ x: [[Double]]) throws -> [Double] { try linearPredictor(LinearInput.matrix(x)) }

    /// The gap between the primal `½‖r‖² + l1‖w‖₁` and the dual at the residual scaled into the
    /// dual-feasible set (scikit-learn's `enet_coordinate_descent`, with no L2 part).
    static func dualityGap(cols: [[Double]], r: [Double], y: [Double], w: [Double], l1: Double) -> Double {
        let dualNorm = cols.reduce(0.0) { max($0, abs(dot($1, r))) }
        let rNorm2 = dot(r, r)
        let scale = dualNorm > l1 ? l1 / dualNorm : 1
        var gap = dualNorm > l1 ? 0.5 * (rNorm2 + rNorm2 * scale * scale) : rNorm2
        gap += l1 * w.reduce(0) { $0 + abs($1) } - scale * dot(r, y)
        return gap
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

/// `y += a·x`.
private func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in x.indices { y[i] += a * x[i] }
}

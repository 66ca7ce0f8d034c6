import BarbellQuant

/// Ridge regression: minimises `Σ sᵢ (yᵢ − xᵢ·w − b)² + α‖w‖²`, as scikit-learn's
/// `Ridge(alpha, solver="cholesky")`.
///
/// The intercept is not penalised: with `fitIntercept` the columns and target are centred on their
/// (weighted) means, the normal equations `(XᵀSX + αI) w = XᵀSy` are solved by Cholesky, and
/// `b = ȳ − x̄·w`. Sample weights are used as given (not rescaled), as scikit-learn does.
public struct Ridge: LinearModel {
    /// The L2 penalty `α ≥ 0`.
    public let alpha: Double
    /// Whether an unpenalised intercept is fitted.
    public let fitIntercept: Bool
    /// The fitted weights, one per column of `x` (empty before `fit`).
    public private(set) var coefficients: [Double] = []
    /// The fitted intercept (0 without `fitIntercept`, or before `fit`).
    public private(set) var intercept: Double = 0

    /// A ridge model; throws `invalidArgument` when `alpha` is negative or not finite.
    public init(alpha: Double = 1, fitIntercept: Bool = true) throws {
        guard alpha.isFinite, alpha >= 0 else {
            throw LearningError(.invalidArgument, "Ridge alpha is \(alpha); a finite value ≥ 0 is needed")
        }
        self.alpha = alpha
        self.fitIntercept = fitIntercept
    }

    /// Fits by the Cholesky factorisation of `XᵀSX + αI`.
    ///
    /// - Throws: `LearningError` for shape mismatches, non-finite input, bad weights, or
    ///   `invalidArgument` when `XᵀSX + αI` is singular (collinear columns with `alpha = 0`).
    public mutating func fit(x: Matrix, y: [Double], sampleWeight: [Double]?) throws {
        let w = try LinearInput.training(x: x, y: y, sampleWeight: sampleWeight)
        let means: (x: [Double], y: Double) = fitIntercept ? LinearInput.weightedMeans(x: x, y: y, weights: w)
                                 : ([Double](repeating: 0, count: x.columns), 0)
        let (xs, ys) = LinearInput.centredScaled(x: x, y: y, weights: w, means: means)
        let p = x.columns
        var gram = try xs.transposed.multiplied(by: xs)
        for j in 0..<p { gram[j, j] += alpha }
        let rhs = try xs.transposed.multiplied(by: ys)
        let l: Matrix
        do { l = try gram.cholesky() } catch {
            throw LearningError(.invalidArgument, "Ridge: XᵀX + αI is not positive definite (alpha \(alpha)); columns are collinear, use alpha > 0")
        }
        let coef = Self.choleskySolve(l, rhs)
        coefficients = coef
        intercept = fitIntercept ? means.y - zip(means.x, coef).reduce(0) { $0 + $1.0 * $1.1 } : 0
    }

    /// Predictions `x·w + b`.
    public func predict(_ x: Matrix) throws -> [Double] { try linearPredictor(x) }

    /// Predictions for rows given as arrays.
    public func predict(_ x: [[Double]]) throws -> [Double] { try linearPredictor(LinearInput.matrix(x)) }

    /// Solves `L Lᵀ z = b` by forward then back substitution.
    static func choleskySolve(_ l: Matrix, _ b: [Double]) -> [Double] {
        let n = b.count
        var z = b
        for i in 0..<n {
            var s = z[i]
            for k in 0..<i { s -= l[i, k] * z[k] }
            z[i] = s / l[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = z[i]
            for k in (i + 1)..<n { s -= l[k, i] * z[k] }
            z[i] = s / l[i, i]
        }
        return z
    }
}

import BarbellQuant
import Foundation

/// Binary L2-penalised logistic regression: minimises `C Σ sᵢ ℓᵢ + ½‖w‖²` with `ℓᵢ` the log-loss of
/// `σ(xᵢ·w + b)` against the positive class, as scikit-learn's
/// `LogisticRegression(C, solver="lbfgs")` (the intercept is unpenalised; weights used as given).
///
/// The optimum is found by Newton's method (IRLS) with a backtracking line search: the objective is
/// strictly convex in `w`, and Newton's quadratic convergence reaches it to machine precision in a
/// few dozen steps, well inside scikit-learn's L-BFGS tolerance.
public struct LogisticRegression: LinearModel {
    /// The inverse penalty strength `C > 0`.
    public let c: Double
    /// Whether an unpenalised intercept is fitted.
    public let fitIntercept: Bool
    /// The fitted weights, one per column of `x` (empty before `fit`).
    public private(set) var coefficients: [Double] = []
    /// The fitted intercept (0 without `fitIntercept`, or before `fit`).
    public private(set) var intercept: Double = 0
    /// The two class labels seen in `fit`, ascending; the second is the positive class.
    public private(set) var classes: [Double] = []
    /// Newton steps the last fit took.
    public private(set) var iterations: Int = 0


    /// A logistic model; throws `invalidArgument` unless `c` is finite and > 0.
    public init(c: Double = 1, fitIntercept: Bool = true) throws {
        guard c.isFinite, c > 0 else {
            throw LearningError(.invalidArgument, "LogisticRegression C is \(c); a finite value > 0 is needed")
        }
        self.c = c
        self.fitIntercept = fitIntercept
    }

    /// Fits on targets holding exactly two distinct values (the larger is the positive class).
    ///
    /// - Throws: `LearningError` for bad input, `invalidArgument` when `y` has one class or more than
    ///   two, or when Newton's method fails to converge.
    public mutating func fit(x: Matrix, y: [Double], sampleWeight: [Double]?) throws {
        let s = try LinearInput.training(x: x, y: y, sampleWeight: sampleWeight)
        let labels = Array(Set(y)).sorted()
        guard labels.count == 2 else {
            throw LearningError(.invalidArgument, labels.count < 2
                ? "LogisticRegression needs two classes in y, got only \(labels[0])"
                : "LogisticRegression is binary; y has \(labels.count) classes")
        }
        let n = x.rows, p = x.columns
        let k = fitIntercept ? p + 1 : p
        let t = y.map { $0 == labels[1] ? 1.0 : 0.0 }
        // Design with a trailing column of ones for the intercept; products go through BLAS.
        let a = fitIntercept ? LinearInput.withOnes(x) : x
        let at = a.transposed
        let start = [Double](repeating: 0, count: k)
        func objective(_ b: [Double]) throws -> Double {
            let eta = try a.multiplied(by: b)
            var f = 0.0
            for i in 0..<n {
                // log(1 + e^η) − tη, computed without overflow.
                let softplus = eta[i] > 0 ? eta[i] + log1p(exp(-eta[i])) : log1p(exp(eta[i]))
                f += s[i] * (softplus - t[i] * eta[i])
            }
            var pen = 0.0
            for j in 0..<p { pen += b[j] * b[j] }
            return c * f + 0.5 * pen
        }
        let (solution, steps) = try NewtonMinimizer.minimize(from: start, model: "LogisticRegression", objective: objective) { beta in
            let eta = try a.multiplied(by: beta)
            let prob = eta.map { 1 / (1 + exp(-$0)) }
            let g = (0..<n).map { c * s[$0] * (prob[$0] - t[$0]) }
            let h = (0..<n).map { c * s[$0] * prob[$0] * (1 - prob[$0]) }
            var grad = try at.multiplied(by: g)
            for j in 0..<p { grad[j] += beta[j] }
            var hess = try at.multiplied(by: LinearInput.rowsScaled(a, by: h))
            for j in 0..<p { hess[j, j] += 1 }
            return (grad, hess)
        }
        let beta = solution
        iterations = steps
        classes = labels
        coefficients = Array(beta[0..<p])
        intercept = fitIntercept ? beta[p] : 0
    }

    /// The probability of the positive class (``classes``[1]) for each row.
    public func predictProbability(_ x: Matrix) throws -> [Double] {
        try linearPredictor(x).map { 1 / (1 + exp(-$0)) }
    }

    /// The probability of the positive class for rows given as arrays.
    public func predictProbability(_ x: [[Double]]) throws -> [Double] {
        try predictProbability(LinearInput.matrix(x))
    }

    /// The predicted class label for each row (positive when `x·w + b > 0`, as scikit-learn).
    public func predict(_ x: Matrix) throws -> [Double] {
        try linearPredictor(x).map { $0 > 0 ? classes[1] : classes[0] }
    }

    /// The predicted class labels for rows given as arrays.
    public func predict(_ x: [[Double]]) throws -> [Double] { try predict(LinearInput.matrix(x)) }
}

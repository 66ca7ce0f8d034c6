import BarbellQuant
import Foundation

/// Multinomial (softmax) L2-penalised logistic regression over K ≥ 2 classes: minimises
/// `C Σ sᵢ (−log softmax(W xᵢ + b)_{yᵢ}) + ½‖W‖²_F`, as scikit-learn's
/// `LogisticRegression(C, solver="lbfgs")` on more than two classes.
///
/// The intercepts are unpenalised, so they are determined only up to a common shift; like
/// scikit-learn's solution they are reported with `Σₖ bₖ = 0` (Newton's method here minimises the
/// objective plus `½(Σₖ bₖ)²`, which is zero at that optimum and makes the Hessian invertible).
/// With two classes this is the binary model at `2C` with `w = w₂ − w₁` (scikit-learn itself fits
/// two classes with ``LogisticRegression``).
public struct MultinomialLogisticRegression: Sendable {
    /// The inverse penalty strength `C > 0`.
    public let c: Double
    /// Whether unpenalised per-class intercepts are fitted.
    public let fitIntercept: Bool
    /// The class labels seen in `fit`, ascending; row k of ``coefficients`` belongs to `classes[k]`.
    public private(set) var classes: [Double] = []
    /// The fitted weights, one row of p per class (empty before `fit`).
    public private(set) var coefficients: [[Double]] = []
    /// The fitted intercepts, one per class, summing to 0 (all 0 without `fitIntercept`).
    public private(set) var intercepts: [Double] = []
    /// Newton steps the last fit took.
    public private(set) var iterations: Int = 0

    /// A multinomial model; throws `invalidArgument` unless `c` is finite and > 0.
    public init(c: Double = 1, fitIntercept: Bool = true) throws {
        guard c.isFinite, c > 0 else {
            throw LearningError(.invalidArgument, "MultinomialLogisticRegression C is \(c); a finite value > 0 is needed")
        }
        self.c = c
        self.fitIntercept = fitIntercept
    }

    /// Fits on targets holding at least two distinct values.
    ///
    /// - Throws: `LearningError` for bad input, `invalidArgument` when `y` has a single class or
    ///   Newton's method fails to converge.
    public mutating func fit(x: Matrix, y: [Double], sampleWeight: [Double]? = nil) throws {
        let s = try LinearInput.training(x: x, y: y, sampleWeight: sampleWeight)
        let labels = Array(Set(y)).sorted()
        guard labels.count >= 2 else {
            throw LearningError(.invalidArgument, "MultinomialLogisticRegression needs two or more classes in y, got only \(labels[0])")
        }
        let n = x.rows, p = x.columns, k = labels.count
        let q = fitIntercept ? p + 1 : p            // parameters per class
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let target = y.map { index[$0]! }
        let a = fitIntercept ? LinearInput.withOnes(x) : x
        let at = a.transposed
        let start = [Double](repeating: 0, count: k * q)   // class-major: row `cl` of a k × q matrix

        // Class scores η = A Θᵀ (n × k, by BLAS) and their softmax, shifted by each row's max.
        func scores(_ t: [Double]) throws -> Matrix {
            try a.multiplied(by: Matrix(rows: k, columns: q, values: t).transposed)
        }
        func objective(_ t: [Double]) throws -> Double {
            let eta = try scores(t)
            var f = 0.0
            for i in 0..<n {
                let row = eta.row(i)
                let top = row.max()!
                f += s[i] * (top + log(row.reduce(0) { $0 + exp($1 - top) }) - row[target[i]])
            }
            var pen = 0.0, sumB = 0.0
            for cl in 0..<k {
                for j in 0..<p { pen += t[cl * q + j] * t[cl * q + j] }
                if fitIntercept { sumB += t[cl * q + p] }
            }
            return c * f + 0.5 * pen + 0.5 * sumB * sumB
        }

        let dim = k * q
        let (solution, steps) = try NewtonMinimizer.minimize(from: start, model: "MultinomialLogisticRegression", objective: objective) { theta in
            let eta = try scores(theta)
            let prob: [[Double]] = (0..<n).map { i in
                let row = eta.row(i)
                let top = row.max()!
                let e = row.map { exp($0 - top) }
                let z = e.reduce(0, +)
                return e.map { $0 / z }
            }
            var grad = [Double](repeating: 0, count: dim)
            var hess = Matrix.identity(dim)
            let sumB = fitIntercept ? (0..<k).reduce(0.0) { $0 + theta[$1 * q + p] } : 0
            for cl in 0..<k {
                let g = (0..<n).map { c * s[$0] * (prob[$0][cl] - (target[$0] == cl ? 1 : 0)) }
                let gc = try at.multiplied(by: g)
                for j in 0..<q { grad[cl * q + j] = gc[j] }
                for j in 0..<p { grad[cl * q + j] += theta[cl * q + j] }
                if fitIntercept {
                    grad[cl * q + p] += sumB
                    for other in 0..<k { hess[cl * q + p, other * q + p] = 1 }
                }
                // Block (cl, other) of the log-loss Hessian: Aᵀ diag(C sᵢ p_cl (δ − p_other)) A.
                // Only blocks on and below the diagonal: `cholesky` reads the lower triangle.
                for other in 0...cl {
                    let h = (0..<n).map { c * s[$0] * prob[$0][cl] * ((cl == other ? 1 : 0) - prob[$0][other]) }
                    let block = try at.multiplied(by: LinearInput.rowsScaled(a, by: h))
                    for r in 0..<q {
                        for col in 0..<q { hess[cl * q + r, other * q + col] += block[r, col] }
                    }
                }
            }
            return (grad, hess)
        }
        let theta = solution
        iterations = steps
        classes = labels
        coefficients = (0..<k).map { Array(theta[($0 * q)..<($0 * q + p)]) }
        intercepts = (0..<k).map { fitIntercept ? theta[$0 * q + p] : 0 }
    }

    /// Fits on rows given as arrays.
    public mutating func fit(x: [[Double]], y: [Double], sampleWeight: [Double]? = nil) throws {
        try fit(x: LinearInput.matrix(x), y: y, sampleWeight: sampleWeight)
    }

    /// Each row's class probabilities, in the order of ``classes``.
    ///
    /// - Throws: `LearningError` when not fitted, on a column-count mismatch or non-finite `x`.
    public func predictProbabilities(_ x: Matrix) throws -> [[Double]] {
        try LinearInput.prediction(x: x, coefficients: coefficients.first ?? [], model: "MultinomialLogisticRegression")
        return (0..<x.rows).map { i in
            let r = x.row(i)
            let eta = (0..<classes.count).map { cl in zip(coefficients[cl], r).reduce(intercepts[cl]) { $0 + $1.0 * $1.1 } }
            let top = eta.max()!
            let e = eta.map { exp($0 - top) }
            let z = e.reduce(0, +)
            return e.map { $0 / z }
        }
    }

    /// Class probabilities for rows given as arrays.
    public func predictProbabilities(_ x: [[Double]]) throws -> [[Double]] {
        try predictProbabilities(LinearInput.matrix(x))
    }

    /// The most probable class label for each row (the first on ties, as scikit-learn's argmax).
    public func predict(_ x: Matrix) throws -> [Double] {
        try predictProbabilities(x).map { pr in classes[pr.indices.max { pr[$0] < pr[$1] || (pr[$0] == pr[$1] && $0 > $1) }!] }
    }

    /// Predicted class labels for rows given as arrays.
    public func predict(_ x: [[Double]]) throws -> [Double] { try predict(LinearInput.matrix(x)) }
}

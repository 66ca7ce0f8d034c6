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

    static let maxNewtonSteps = 200

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
        let rows = (0..<n).map { fitIntercept ? x.row($0) + [1] : x.row($0) }
        var theta = [Double](repeating: 0, count: k * q)

        // Per-row class scores and their softmax, shifted by the max for stability.
        func softmax(_ t: [Double], _ i: Int) -> (eta: [Double], prob: [Double]) {
            let eta = (0..<k).map { cl in (0..<q).reduce(0.0) { $0 + t[cl * q + $1] * rows[i][$1] } }
            let top = eta.max()!
            let e = eta.map { exp($0 - top) }
            let z = e.reduce(0, +)
            return (eta, e.map { $0 / z })
        }
        func objective(_ t: [Double]) -> Double {
            var f = 0.0
            for i in 0..<n {
                let eta = (0..<k).map { cl in (0..<q).reduce(0.0) { $0 + t[cl * q + $1] * rows[i][$1] } }
                let top = eta.max()!
                f += s[i] * (top + log(eta.reduce(0) { $0 + exp($1 - top) }) - eta[target[i]])
            }
            var pen = 0.0, sumB = 0.0
            for cl in 0..<k {
                for a in 0..<p { pen += t[cl * q + a] * t[cl * q + a] }
                if fitIntercept { sumB += t[cl * q + p] }
            }
            return c * f + 0.5 * pen + 0.5 * sumB * sumB
        }

        var f = objective(theta)
        var converged = false
        let dim = k * q
        for step in 1...Self.maxNewtonSteps {
            var grad = [Double](repeating: 0, count: dim)
            var hess = Matrix.identity(dim)
            let sumB = fitIntercept ? (0..<k).reduce(0.0) { $0 + theta[$1 * q + p] } : 0
            for cl in 0..<k {
                for a in 0..<p { grad[cl * q + a] = theta[cl * q + a] }
                if fitIntercept {
                    grad[cl * q + p] = sumB
                    for other in 0..<k { hess[cl * q + p, other * q + p] = 1 }
                }
            }
            for i in 0..<n {
                let prob = softmax(theta, i).prob
                let r = rows[i]
                for cl in 0..<k {
                    let g = c * s[i] * (prob[cl] - (target[i] == cl ? 1 : 0))
                    for a in 0..<q { grad[cl * q + a] += g * r[a] }
                    for other in 0...cl {
                        let h = c * s[i] * prob[cl] * ((cl == other ? 1 : 0) - prob[other])
                        for a in 0..<q {
                            for b in 0..<q { hess[cl * q + a, other * q + b] += h * r[a] * r[b] }
                        }
                    }
                }
            }
            // Only the lower block triangle was accumulated; `cholesky` reads the lower triangle,
            // but the diagonal blocks must be complete lower triangles, which they are.
            let l: Matrix
            do { l = try hess.cholesky() } catch {
                throw LearningError(.invalidArgument, "MultinomialLogisticRegression: the Hessian is singular at step \(step)")
            }
            let delta = Ridge.choleskySolve(l, grad)
            var scale = 1.0
            var next = theta, fNext = f
            for _ in 0..<60 {
                next = zip(theta, delta).map { $0 - scale * $1 }
                fNext = objective(next)
                if fNext <= f { break }
                scale /= 2
            }
            let change = delta.reduce(0) { max($0, abs($1)) } * scale
            theta = next
            f = fNext
            iterations = step
            if change <= 1e-13 * max(1, theta.reduce(0) { max($0, abs($1)) }) { converged = true; break }
        }
        guard converged else {
            throw LearningError(.invalidArgument, "MultinomialLogisticRegression: Newton's method did not converge in \(Self.maxNewtonSteps) steps")
        }
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

import BarbellQuant

/// Damped Newton's method for the smooth convex objectives of the logistic models: each step
/// solves H·δ = g by Cholesky and halves δ until the objective does not rise; it stops when the
/// step's largest component is below 1e-13 of the largest coefficient.
enum NewtonMinimizer {
    /// The most Newton steps before the fit is reported as not converged.
    static let maxSteps = 200

    /// - Parameters:
    ///   - gradientAndHessian: At a point, the gradient and the Hessian (the lower triangle is read).
    /// - Returns: The minimiser and the number of steps taken.
    /// - Throws: ``LearningError`` (`invalidArgument`) for a singular Hessian, `notConverged`
    ///   after ``maxSteps`` steps, naming `model`.
    static func minimize(from start: [Double], model: String, objective: ([Double]) throws -> Double,
                         gradientAndHessian: ([Double]) throws -> (gradient: [Double], hessian: Matrix)) throws -> (solution: [Double], steps: Int) {
        var beta = start
        var f = try objective(beta)
        for step in 1...maxSteps {
            let (grad, hess) = try gradientAndHessian(beta)
            let l: Matrix
            do { l = try hess.cholesky() } catch {
                throw LearningError(.invalidArgument, "\(model): the Hessian is singular at step \(step) (separable data with no penalty on the intercept?)")
            }
            let delta = Ridge.choleskySolve(l, grad)
            var scale = 1.0
            var next = beta, fNext = f
            for _ in 0..<60 {
                next = zip(beta, delta).map { $0 - scale * $1 }
                fNext = try objective(next)
                if fNext <= f { break }
                scale /= 2
            }
            let change = delta.reduce(0) { max($0, abs($1)) } * scale
            beta = next
            f = fNext
            if change <= 1e-13 * max(1, beta.reduce(0) { max($0, abs($1)) }) { return (beta, step) }
        }
        throw LearningError(.notConverged, "\(model): Newton's method did not converge in \(maxSteps) steps")
    }
}

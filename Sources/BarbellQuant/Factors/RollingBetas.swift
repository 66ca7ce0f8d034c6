/// Betas of an asset to factors re-estimated over a moving window.
public struct RollingBetas: Sendable {
    /// The index of the last observation of each window.
    public var windowEnds: [Int]
    /// `alphas[w]`: the intercept of window `w`.
    public var alphas: [Double]
    /// `betas[w][j]`: the loading on factor `j` in window `w`.
    public var betas: [[Double]]

    /// OLS of `y` on `factors` (with an intercept) over each window of `window` consecutive
    /// observations, stepping by `step`.
    ///
    /// - Throws: `insufficientData` when the window is not longer than the number of
    ///   coefficients or longer than the series; the errors of ``LinearRegression``.
    public init(_ y: [Double], factors: Matrix, window: Int, step: Int = 1) throws {
        let k = factors.columns + 1
        guard window > k else {
            throw QuantError(.insufficientData, "a \(window)-observation window cannot fit \(k) coefficients; use at least \(k + 1)")
        }
        guard y.count == factors.rows else {
            throw QuantError(.shapeMismatch, "\(y.count) observations of y but \(factors.rows) rows of factors")
        }
        guard y.count >= window else {
            throw QuantError(.insufficientData, "\(y.count) observations, fewer than one \(window)-observation window")
        }
        guard step >= 1 else { throw QuantError(.invalidArgument, "step is \(step); expected at least 1") }
        var ends: [Int] = [], alphas: [Double] = [], betas: [[Double]] = []
        for end in stride(from: window - 1, to: y.count, by: step) {
            let start = end - window + 1
            let rows = Array(factors.values[(start * factors.columns)..<((end + 1) * factors.columns)])
            let x = Matrix(uncheckedRows: window, columns: factors.columns, values: rows)
            let fit = try LinearRegression(Array(y[start...end]), regressors: x, intercept: true, covariance: .white)
            ends.append(end)
            alphas.append(fit.coefficients[0])
            betas.append(Array(fit.coefficients.dropFirst()))
        }
        windowEnds = ends
        self.alphas = alphas
        self.betas = betas
    }
}

import BarbellQuant

/// A fitted-in-place linear model `η = x·w + b` (ridge, lasso, logistic regression).
///
/// Conforming types are configured at `init`, trained with `fit` (which replaces any earlier fit)
/// and then expose ``coefficients`` and ``intercept``; they are deterministic.
public protocol LinearModel: Sendable {
    /// The fitted weights `w`, one per column of `x` (empty before `fit`).
    var coefficients: [Double] { get }
    /// The fitted intercept `b` (0 when the model fits none, or before `fit`).
    var intercept: Double { get }
    /// Fits on rows `x` (n × p) and targets `y` (n), optionally weighting each row.
    mutating func fit(x: Matrix, y: [Double], sampleWeight: [Double]?) throws
}

extension LinearModel {
    /// Fits without sample weights.
    public mutating func fit(x: Matrix, y: [Double]) throws {
        try fit(x: x, y: y, sampleWeight: nil)
    }

    /// Fits on rows given as arrays (all of one length).
    public mutating func fit(x: [[Double]], y: [Double], sampleWeight: [Double]? = nil) throws {
        try fit(x: LinearInput.matrix(x), y: y, sampleWeight: sampleWeight)
    }

    /// The linear predictor `x·w + b` for each row of `x`.
    ///
    /// - Throws: `LearningError` when the model is not fitted, the column count differs from the
    ///   fit's, or `x` holds a non-finite value.
    public func linearPredictor(_ x: Matrix) throws -> [Double] {
        try LinearInput.prediction(x: x, coefficients: coefficients, model: String(describing: Self.self))
        return (0..<x.rows).map { i in
            var s = intercept
            for j in 0..<x.columns { s += x.values[i * x.columns + j] * coefficients[j] }
            return s
        }
    }
}

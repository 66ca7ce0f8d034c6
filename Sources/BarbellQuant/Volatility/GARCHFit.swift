import Foundation

/// A fitted GARCH-family model: the maximum-likelihood parameters, the fit statistics and the
/// in-sample conditional variance. Standard errors and forecasts are computed on demand
/// (``GARCHFit/standardErrors(_:)``, ``GARCHFit/forecastVariance(horizon:simulations:seed:)``).
public struct GARCHFit: Sendable {
    /// The model that was fitted.
    public let model: GARCHModel
    /// The estimates, in ``GARCHModel/parameterNames`` order.
    public let parameters: [Double]
    /// The maximised log-likelihood.
    public let logLikelihood: Double
    /// The residuals εₜ (returns less the fitted mean).
    public let residuals: [Double]
    /// The conditional variances σ²ₜ.
    public let conditionalVariance: [Double]
    /// How many times the optimiser evaluated the likelihood.
    public let evaluations: Int
    /// The returns the model was fitted to.
    public let returns: [Double]

    /// Parameter names as `arch` spells them.
    public var parameterNames: [String] { model.parameterNames }
    /// The estimates keyed by ``parameterNames``.
    public var namedParameters: [String: Double] { Dictionary(uniqueKeysWithValues: zip(parameterNames, parameters)) }
    /// Number of observations used.
    public var observations: Int { returns.count }
    /// Akaike's criterion −2 ln L + 2k, k counting every parameter (`arch`'s definition).
    public var aic: Double { -2 * logLikelihood + 2 * Double(model.parameterCount) }
    /// Schwarz's criterion −2 ln L + k ln n.
    public var bic: Double { -2 * logLikelihood + log(Double(observations)) * Double(model.parameterCount) }
    /// The conditional volatilities σₜ.
    public var conditionalVolatility: [Double] { conditionalVariance.map { $0.squareRoot() } }
    /// The standardised residuals εₜ / σₜ.
    public var standardizedResiduals: [Double] { zip(residuals, conditionalVariance).map { $0 / $1.squareRoot() } }

    /// The shape parameters of the innovation distribution (empty for the normal).
    var shapeParameters: [Double] { Array(parameters.suffix(model.shapeParameterCount)) }
    /// ω, α…, γ…, β….
    var varianceParameters: [Double] {
        Array(parameters[model.meanParameterCount..<(model.meanParameterCount + model.varianceParameterCount)])
    }
}

extension GARCHFit {
    /// The same fit with other parameter values (residuals and variances recomputed, the
    /// log-likelihood re-evaluated): to inspect standard errors or forecasts at given values.
    ///
    /// - Throws: `shapeMismatch` or `invalidArgument` for parameters the model cannot take.
    public func replacingParameters(_ parameters: [Double]) throws -> GARCHFit {
        try GARCHFit(model: model, returns: returns, parameters: parameters)
    }

    /// The model evaluated at given parameters instead of fitted: residuals, variances and
    /// log-likelihood exactly as a fit ending there would report them (e.g. to compare with
    /// another package's estimates, or to forecast with published parameters).
    ///
    /// - Throws: as ``GARCHModel/fit(_:)`` for bad data; `shapeMismatch`, `nonFinite` or
    ///   `invalidArgument` for parameters the model cannot take.
    public init(model: GARCHModel, returns: [Double], parameters: [Double]) throws {
        let likelihood = try GARCHLikelihood(model: model, returns: returns)
        try model.checkParameters(parameters)
        let (e, s) = parameters.withUnsafeBufferPointer { likelihood.path($0) }
        let ll = parameters.withUnsafeBufferPointer { likelihood.logLikelihood($0) }
        self.init(model: model, parameters: parameters, logLikelihood: ll, residuals: e,
                  conditionalVariance: s, evaluations: 0, returns: returns)
    }
}

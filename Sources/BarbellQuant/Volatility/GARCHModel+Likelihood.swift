extension GARCHModel {
    /// The log-likelihood of `returns` at `parameters` (in ``parameterNames`` order), with the
    /// backcast and variance bounds a fit would use: `arch`'s `model._loglikelihood`.
    ///
    /// - Throws: as ``fit(_:)`` for bad data; `shapeMismatch` for a wrong number of parameters.
    public func logLikelihood(_ returns: [Double], parameters: [Double]) throws -> Double {
        let likelihood = try GARCHLikelihood(model: self, returns: returns)
        try checkParameters(parameters)
        return parameters.withUnsafeBufferPointer { likelihood.logLikelihood($0) }
    }

    /// The conditional variances σ²ₜ of `returns` at `parameters`.
    public func conditionalVariance(_ returns: [Double], parameters: [Double]) throws -> [Double] {
        let likelihood = try GARCHLikelihood(model: self, returns: returns)
        try checkParameters(parameters)
        return parameters.withUnsafeBufferPointer { likelihood.path($0).variances }
    }

    func checkParameters(_ parameters: [Double]) throws {
        guard parameters.count == parameterCount else {
            throw QuantError(.shapeMismatch, "\(name) with \(innovations.rawValue) innovations and \(mean.rawValue) mean has \(parameterCount) parameters (\(parameterNames.joined(separator: ", "))), got \(parameters.count)")
        }
        if let i = parameters.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "parameter \(parameterNames[i]) is \(parameters[i])")
        }
        let shape = parameters.suffix(shapeParameterCount)
        if let nu = shape.first, nu <= 2 {
            throw QuantError(.invalidArgument, "the innovation shape \(parameterNames[parameterCount - shapeParameterCount]) is \(nu); it must exceed 2")
        }
        if innovations == .skewedT, let lambda = shape.last, abs(lambda) >= 1 {
            throw QuantError(.invalidArgument, "the skewness lambda is \(lambda); it must be inside (-1, 1)")
        }
    }
}

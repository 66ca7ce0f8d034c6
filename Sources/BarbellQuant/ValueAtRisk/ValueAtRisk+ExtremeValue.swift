extension ValueAtRisk {
    /// EVT VaR and ES: a generalized Pareto tail fitted to the losses `−r` above their
    /// `thresholdQuantile` (peaks over threshold, see ``PeaksOverThreshold``). Horizons above one
    /// scale the one-period figures by √h (stated in the result); the tail model itself is a
    /// one-period model.
    public static func extremeValue(_ returns: [Double], confidence: Double, horizon: Int = 1,
                                    thresholdQuantile: Double = 0.95) throws -> RiskEstimate {
        try check(confidence: confidence, horizon: horizon)
        let model = try PeaksOverThreshold(losses: returns.map { -$0 }, threshold: .quantile(thresholdQuantile))
        let scale = Double(horizon).squareRoot()
        return RiskEstimate(method: "evt", confidence: confidence, horizon: horizon,
                            horizonScaling: horizon == 1 ? HorizonScaling.none : "one-period tail estimate × √h",
                            valueAtRisk: try model.valueAtRisk(confidence: confidence) * scale,
                            expectedShortfall: try model.expectedShortfall(confidence: confidence) * scale)
    }
}

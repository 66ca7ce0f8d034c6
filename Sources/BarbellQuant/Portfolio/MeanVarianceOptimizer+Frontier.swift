extension MeanVarianceOptimizer {
    /// `points` efficient portfolios with target returns evenly spaced from the minimum-volatility
    /// portfolio's expected return to the highest expected return within the constraints.
    public func efficientFrontier(points: Int, riskFreeRate: Double = 0) throws -> [PortfolioResult] {
        guard points >= 2 else { throw QuantError(.invalidArgument, "a frontier needs at least 2 points, got \(points)") }
        let floor = try minVolatility(riskFreeRate: riskFreeRate)
        let qp = weightProgram()
        let top = try qp.maximum(of: expectedReturns + Array(repeating: 0, count: qp.dimension - assetCount))
        let bottom = floor.performance.expectedReturn
        var out = [floor]
        for p in 1..<points {
            let target = bottom + (top - bottom) * Double(p) / Double(points - 1)
            out.append(try efficientReturn(targetReturn: target, riskFreeRate: riskFreeRate))
        }
        return out
    }
}

import Foundation

extension HypothesisTests {
    /// The Jarque-Bera normality test: scipy's `jarque_bera`.
    ///
    /// JB = n/6 · (S² + K²/4) with the biased sample skewness S and excess kurtosis K; p from
    /// χ²(2). Needs at least 3 observations, not all equal.
    public static func jarqueBera(_ x: [Double]) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 3, for: "the Jarque-Bera test")
        let moments = try SampleMoments(x, minimum: 3, what: "x")
        guard moments.variance > 0 else { throw QuantError(.invalidArgument, "x is constant: skewness and kurtosis are undefined") }
        let (n, skewness, kurtosis) = (Double(x.count), moments.skewness, moments.excessKurtosis)
        let jb = n / 6 * (skewness * skewness + kurtosis * kurtosis / 4)
        // χ²(2) survival is exactly exp(−x/2).
        return HypothesisTestResult(statistic: jb, pValue: exp(-jb / 2), degreesOfFreedom: 2)
    }
}

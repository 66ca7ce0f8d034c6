import Foundation

extension HypothesisTests {
    /// The Jarque-Bera normality test: scipy's `jarque_bera`.
    ///
    /// JB = n/6 · (S² + K²/4) with the biased sample skewness S and excess kurtosis K; p from
    /// χ²(2). Needs at least 3 observations, not all equal.
    public static func jarqueBera(_ x: [Double]) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 3, for: "the Jarque-Bera test")
        let n = Double(x.count)
        let m = mean(x)
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - m, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        guard m2 > 0 else { throw QuantError(.invalidArgument, "x is constant: skewness and kurtosis are undefined") }
        let skewness = m3 / (m2 * m2.squareRoot())
        let kurtosis = m4 / (m2 * m2) - 3
        let jb = n / 6 * (skewness * skewness + kurtosis * kurtosis / 4)
        // χ²(2) survival is exactly exp(−x/2).
        return HypothesisTestResult(statistic: jb, pValue: exp(-jb / 2), degreesOfFreedom: 2)
    }
}

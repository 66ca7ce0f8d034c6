import Foundation

extension HypothesisTests {
    /// Sample autocorrelations r₁…r_maxLag of x about its mean, normalised by n (statsmodels'
    /// `acf(x, adjusted=False, fft=False)`). Needs a non-constant x.
    static func autocorrelations(_ x: [Double], maxLag: Int) throws -> [Double] {
        let m = mean(x)
        let d = x.map { $0 - m }
        let c0 = d.reduce(0) { $0 + $1 * $1 }
        guard c0 > 0 else { throw QuantError(.invalidArgument, "x is constant: its autocorrelations are undefined") }
        return (1...maxLag).map { k in
            var s = 0.0
            for t in k..<d.count { s += d[t] * d[t - k] }
            return s / c0
        }
    }

    /// The Ljung-Box portmanteau test for autocorrelation up to `lags`: statsmodels'
    /// `acorr_ljungbox(x, lags=[lags], model_df=…)`.
    ///
    /// Q = n(n + 2) Σₖ r²ₖ/(n − k), p from χ²(lags − modelDegreesOfFreedom) (pass the number of
    /// ARMA parameters fitted when testing residuals). Needs n > lags, lags > modelDegreesOfFreedom.
    public static func ljungBox(_ x: [Double], lags: Int, modelDegreesOfFreedom: Int = 0) throws -> HypothesisTestResult {
        guard lags >= 1 else { throw QuantError(.invalidArgument, "lags is \(lags); expected at least 1") }
        guard modelDegreesOfFreedom >= 0, modelDegreesOfFreedom < lags else {
            throw QuantError(.invalidArgument, "modelDegreesOfFreedom is \(modelDegreesOfFreedom); expected 0 ≤ it < lags (\(lags)) so that χ² has degrees of freedom")
        }
        try requireSample(x, "x", minimum: lags + 1, for: "a Ljung-Box test with \(lags) lags")
        let r = try autocorrelations(x, maxLag: lags)
        let n = Double(x.count)
        var sum = 0.0
        for (k, rk) in r.enumerated() { sum += rk * rk / (n - Double(k + 1)) }
        let q = n * (n + 2) * sum
        let df = Double(lags - modelDegreesOfFreedom)
        let p = try ChiSquared(degreesOfFreedom: df).survival(q)
        return HypothesisTestResult(statistic: q, pValue: p, degreesOfFreedom: df, lags: lags)
    }
}

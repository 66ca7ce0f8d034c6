import Foundation

extension HypothesisTests {
    /// Welch's two-sample t-test for equal means without assuming equal variances: scipy's
    /// `ttest_ind(x, y, equal_var=False, alternative=…)`.
    ///
    /// t = (x̄ − ȳ)/√(s²ₓ/nₓ + s²ᵧ/nᵧ) with sample (n − 1) variances, on Welch-Satterthwaite
    /// degrees of freedom. Needs at least 2 observations per sample and not both constant.
    public static func welchTTest(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided) throws -> HypothesisTestResult {
        try requireSample(x, "x", minimum: 2, for: "a Welch t-test")
        try requireSample(y, "y", minimum: 2, for: "a Welch t-test")
        let nx = Double(x.count), ny = Double(y.count)
        let mx = mean(x), my = mean(y)
        let vx = sumOfSquares(x, mean: mx) / (nx - 1) / nx
        let vy = sumOfSquares(y, mean: my) / (ny - 1) / ny
        guard vx + vy > 0 else {
            throw QuantError(.invalidArgument, "x and y are both constant: the t statistic is undefined")
        }
        let t = (mx - my) / (vx + vy).squareRoot()
        let df = (vx + vy) * (vx + vy) / (vx * vx / (nx - 1) + vy * vy / (ny - 1))
        return tResult(t, df, alternative)
    }

    /// The paired (related-samples) t-test on the differences x − y: scipy's `ttest_rel`.
    ///
    /// Needs equal lengths, at least 2 pairs, and differences that are not all equal.
    public static func pairedTTest(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided) throws -> HypothesisTestResult {
        guard x.count == y.count else {
            throw QuantError(.shapeMismatch, "paired samples must have one length: x has \(x.count), y has \(y.count)")
        }
        try requireSample(x, "x", minimum: 2, for: "a paired t-test")
        try requireSample(y, "y", minimum: 2, for: "a paired t-test")
        let d = zip(x, y).map { $0 - $1 }
        let n = Double(d.count)
        let m = mean(d)
        let variance = sumOfSquares(d, mean: m) / (n - 1)
        guard variance > 0 else {
            throw QuantError(.invalidArgument, "the differences x − y are constant: the t statistic is undefined")
        }
        return tResult(m / (variance / n).squareRoot(), n - 1, alternative)
    }

    static func tResult(_ t: Double, _ df: Double, _ alternative: Alternative) -> HypothesisTestResult {
        let p = pValue(alternative, cdf: StudentT.standardCDF(t, df), survival: StudentT.standardCDF(-t, df))
        return HypothesisTestResult(statistic: t, pValue: p, degreesOfFreedom: df)
    }
}

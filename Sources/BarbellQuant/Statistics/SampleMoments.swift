/// The first four sample moments of a series, in the conventions of SciPy's `describe`:
/// mean, variance with `n − 1`, and the biased (`bias=True`) skewness and excess kurtosis
/// `g₁ = m₃/m₂^{3/2}`, `g₂ = m₄/m₂² − 3` from central moments with divisor `n`.
public struct SampleMoments: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Unbiased variance (divisor n − 1).
    public var variance: Double
    public var skewness: Double
    /// Excess kurtosis (0 for a normal distribution).
    public var excessKurtosis: Double

    public var standardDeviation: Double { variance.squareRoot() }

    /// - Throws: `insufficientData` with fewer than `minimum` (default 2) values, `nonFinite` for
    ///   NaN or infinity (naming the index).
    public init(_ x: [Double], minimum: Int = 2, what: String = "returns") throws {
        guard x.count >= max(minimum, 2) else {
            throw QuantError(.insufficientData, "\(x.count) \(what); at least \(max(minimum, 2)) are needed")
        }
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw QuantError(.nonFinite, "\(what)[\(i)] is \(x[i]); finite values are required")
        }
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for v in x {
            let d = v - mean, d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
        }
        m2 /= n; m3 /= n; m4 /= n
        self.count = x.count
        self.mean = mean
        self.variance = m2 * n / (n - 1)
        self.skewness = m2 > 0 ? m3 / (m2 * m2.squareRoot()) : 0
        self.excessKurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0
    }
}

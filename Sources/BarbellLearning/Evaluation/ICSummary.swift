/// A series of per-period information coefficients summarised: mean, sample standard deviation,
/// ICIR and t-statistic.
///
/// ICIR = mean / std with the sample (n − 1) standard deviation; the t-statistic is
/// mean / (std / √n) = ICIR · √n, the one-sample t-test of mean IC = 0 (`scipy.stats.ttest_1samp`).
public struct ICSummary: Sendable, Equatable {
    /// Mean IC.
    public let mean: Double
    /// Sample standard deviation of the ICs (n − 1 denominator).
    public let standardDeviation: Double
    /// mean / standardDeviation; nil when every IC is equal (the ratio is undefined).
    public let icir: Double?
    /// mean / (standardDeviation / √count); nil when every IC is equal.
    public let tStatistic: Double?
    /// How many ICs were summarised.
    public let count: Int

    /// - Throws: ``LearningError`` — `insufficientData` for fewer than 2 ICs (no spread),
    ///   `nonFinite` for NaN.
    public init(ics: [Double]) throws(LearningError) {
        try MetricInput.atLeast(ics.count, 2, "IC summary")
        try MetricInput.finite(ics, "IC")
        let n = Double(ics.count)
        if ics.allSatisfy({ $0 == ics[0] }) {
            // Exactly equal ICs: set the spread to 0 rather than let summation rounding make a
            // tiny std and an enormous, meaningless ICIR.
            mean = ics[0]
            standardDeviation = 0
        } else {
            let m = ics.reduce(0, +) / n
            mean = m
            standardDeviation = (ics.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
        }
        count = ics.count
        if standardDeviation > 0 {
            icir = mean / standardDeviation
            tStatistic = mean / (standardDeviation / n.squareRoot())
        } else {
            icir = nil
            tStatistic = nil
        }
    }
}

/// Cross-sectional information coefficients of a panel: one IC per period (the correlation across
/// the names in that period), then their ``ICSummary``.
///
/// A period whose predictions or realised values have fewer than 2 distinct values (including a
/// period with a single row) has no correlation; it is skipped and listed in ``skippedPeriods``
/// rather than failing the whole panel, since a thin period is normal in real data.
public struct PanelIC: Sendable, Equatable {
    /// The correlation used.
    public let method: ICMethod
    /// The periods that got an IC, ascending.
    public let periods: [Int]
    /// The IC of each period in ``periods``.
    public let ics: [Double]
    /// Periods skipped for fewer than 2 distinct predictions or realised values, ascending.
    public let skippedPeriods: [Int]
    /// Mean, std, ICIR and t-statistic of ``ics``.
    public let summary: ICSummary

    /// - Parameters:
    ///   - period: each row's period identifier (rows may come in any order).
    ///   - prediction: each row's prediction.
    ///   - realised: each row's realised value.
    ///   - method: Pearson (IC) or Spearman (rank IC).
    /// - Throws: ``LearningError`` — `shapeMismatch` for different lengths, `nonFinite` for NaN,
    ///   `insufficientData` when fewer than 2 periods have an IC.
    public init(period: [Int], prediction: [Double], realised: [Double], method: ICMethod) throws(LearningError) {
        try MetricInput.sameLength(period.count, prediction.count, "period and prediction")
        try MetricInput.sameLength(period.count, realised.count, "period and realised")
        try MetricInput.finite(prediction, "prediction")
        try MetricInput.finite(realised, "realised")
        var rows: [Int: [Int]] = [:]
        for (i, p) in period.enumerated() { rows[p, default: []].append(i) }
        var periods: [Int] = [], ics: [Double] = [], skipped: [Int] = []
        for p in rows.keys.sorted() {
            let x = rows[p]!.map { prediction[$0] }, y = rows[p]!.map { realised[$0] }
            guard x.count >= 2, InformationCoefficient.distinct(x), InformationCoefficient.distinct(y) else {
                skipped.append(p)
                continue
            }
            periods.append(p)
            ics.append(try InformationCoefficient.compute(method, prediction: x, realised: y))
        }
        guard ics.count >= 2 else {
            throw LearningError(.insufficientData, "panel IC: \(ics.count) periods with an IC (\(skipped.count) skipped), expected at least 2")
        }
        self.method = method
        self.periods = periods
        self.ics = ics
        self.skippedPeriods = skipped
        self.summary = try ICSummary(ics: ics)
    }
}

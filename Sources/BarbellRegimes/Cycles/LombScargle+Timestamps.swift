import BarbellData

extension LombScargle {
    /// Sample times in days since the first timestamp, so that market closures (weekends,
    /// holidays, halts) are real gaps in time rather than one bar each.
    public static func days(since timestamps: [Timestamp]) -> [Double] {
        guard let first = timestamps.first else { return [] }
        return timestamps.map { Double($0.nanoseconds - first.nanoseconds) / Double(Timestamp.nanosPerDay) }
    }

    /// Lomb-Scargle power of `values` observed at `timestamps`, with frequencies in cycles per day
    /// (periods of 1/f days).
    /// - Throws: as `power(times:values:angularFrequencies:…)`, e.g. `invalidArgument` for
    ///   timestamps that do not strictly increase.
    public static func power(timestamps: [Timestamp], values: [Double], cyclesPerDay: [Double],
                             floatingMean: Bool = false, normalization: Normalization = .power) throws -> [Double] {
        try power(times: days(since: timestamps), values: values,
                  angularFrequencies: cyclesPerDay.map { 2 * Double.pi * $0 },
                  floatingMean: floatingMean, normalization: normalization)
    }
}

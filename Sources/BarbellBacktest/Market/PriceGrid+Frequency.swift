import BarbellData

extension PriceGrid {
    /// Bars per year inferred from the median spacing of bars: monthly 12, weekly 52, daily 252
    /// (365 when the data trades at weekends, as crypto does), intraday the daily figure times
    /// the bars in a 6.5-hour session (or 24 hours for weekend-trading data).
    public var inferredPeriodsPerYear: Double {
        guard barCount >= 3 else { return 252 }
        var gaps = (1..<barCount).map { timestamps[$0].nanoseconds - timestamps[$0 - 1].nanoseconds }
        gaps.sort()
        let median = Double(gaps[gaps.count / 2]) / 1e9
        let day = 86_400.0
        let weekends = timestamps.contains { CivilDate.weekday(days: $0.epochDay) >= 5 }
        switch median {
        case (20 * day)...: return 12
        case (5 * day)...: return 52
        case (0.9 * day)...: return weekends ? 365 : 252
        default: return weekends ? 365 * day / median : 252 * 23_400 / median
        }
    }
}

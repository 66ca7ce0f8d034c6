/// Picks the calendar gap detection should use when the user does not name one.
public enum CalendarChoice: String, Sendable, CaseIterable {
    case auto, crypto, nyse, none

    /// `auto`: bars with weekend timestamps → 24/7 crypto; daily or coarser bars without
    /// weekend bars → NYSE sessions; intraday equity bars need an explicit choice, because
    /// whether they include extended hours is not knowable from the data.
    public func calendar(for series: BarSeries) -> (any ExchangeCalendar)? {
        switch self {
        case .crypto: return CryptoCalendar()
        case .nyse: return WeekdaySessionCalendar.nyse
        case .none: return nil
        case .auto:
            guard let tf = series.timeframe else { return nil }
            let weekend = series.timestamps.contains { CivilDate.weekday(days: $0.epochDay) >= 5 }
            if weekend { return CryptoCalendar() }
            if tf.unit == .day && tf.count == 1 { return WeekdaySessionCalendar.nyse }
            return nil
        }
    }
}

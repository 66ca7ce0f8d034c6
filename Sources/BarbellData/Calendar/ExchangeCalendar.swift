/// When an exchange trades, used to tell a missing bar from a closed market.
///
/// A calendar answers one question, ``session(onDay:)``; everything else (expected bar
/// starts, gap detection) is derived from it in extensions, so a new venue only describes its
/// sessions. Conforming types must return sessions that
///
/// - are ordered and non-overlapping: a later `day` has a later session,
/// - have `close >= open` and lie within `[day − 1, day + 2)` UTC days (any time zone, and
///   sessions that open the evening before, fit this window).
///
/// Bar conventions (matching ``Timeframe`` and the resamplers): an intraday bar
/// `[s, s + width)` on the UTC bucket grid is expected when it overlaps a session; a bar of one
/// day or longer is expected at `bucketStart(midnight UTC of the session's local date)` for
/// every session, i.e. daily bars are labelled by their local trading date.
///
/// Implementations: ``CryptoCalendar`` (24/7) and ``WeekdaySessionCalendar`` (weekday
/// sessions in a time zone with a ``HolidaySchedule``, e.g. ``WeekdaySessionCalendar/nyse``).
public protocol ExchangeCalendar: Sendable {
    /// A short identifier, e.g. `"24/7"` or the ISO 10383 MIC `"XNYS"`.
    var name: String { get }

    /// The session whose local trading date is `day` (days since 1970-01-01), or nil when the
    /// exchange does not trade that day (weekend, holiday).
    func session(onDay day: Int64) -> TradingSession?
}

extension ExchangeCalendar {
    /// Whether the exchange trades on local date `day` (days since 1970-01-01).
    public func isTradingDay(_ day: Int64) -> Bool { session(onDay: day) != nil }

    /// Whether the exchange trades on the local date `year-month-day`.
    public func isTradingDay(year: Int, month: Int, day: Int) -> Bool {
        isTradingDay(CivilDate.daysFromCivil(year: year, month: month, day: day))
    }

    /// Sessions overlapping `[from, to)`, in order.
    public func sessions(from: Timestamp, to: Timestamp) -> [TradingSession] {
        guard from < to else { return [] }
        var out: [TradingSession] = []
        var day = from.nanoseconds.floorDiv(Timestamp.nanosPerDay) - 1
        let lastDay = (to.nanoseconds - 1).floorDiv(Timestamp.nanosPerDay) + 1
        while day <= lastDay {
            if let s = session(onDay: day), s.open < to, s.close > from { out.append(s) }
            day += 1
        }
        return out
    }
}

extension ExchangeCalendar where Self == CryptoCalendar {
    /// Continuous 24/7 trading (crypto venues).
    public static var crypto: CryptoCalendar { CryptoCalendar() }
}

extension ExchangeCalendar where Self == WeekdaySessionCalendar {
    /// New York Stock Exchange: 09:30–16:00 America/New_York, NYSE holidays and early closes.
    public static var nyse: WeekdaySessionCalendar { WeekdaySessionCalendar.nyse }
}

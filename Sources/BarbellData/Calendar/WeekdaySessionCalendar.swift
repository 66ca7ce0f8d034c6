import Foundation

/// An exchange that trades Monday to Friday between a local opening and closing time, in an
/// IANA time zone, except on the holidays of a ``HolidaySchedule`` (equity and most listed
/// derivatives venues' regular sessions).
///
/// Session times are converted to UTC through Foundation's `TimeZone`, so daylight-saving
/// changes are exact (NYSE opens at 13:30 UTC in summer, 14:30 UTC in winter). Pre- and
/// post-market trading is not part of the session.
public struct WeekdaySessionCalendar: ExchangeCalendar {
    public let name: String
    public let timeZone: TimeZone
    /// Regular local opening time.
    public let open: LocalTime
    /// Regular local closing time (exclusive: a 16:00 close means the last 1m bar is 15:59).
    public let close: LocalTime
    public let holidays: any HolidaySchedule

    public init(name: String, timeZone: TimeZone, open: LocalTime, close: LocalTime,
                holidays: any HolidaySchedule = NoHolidays()) {
        precondition(open < close, "a session must open before it closes")
        self.name = name
        self.timeZone = timeZone
        self.open = open
        self.close = close
        self.holidays = holidays
    }

    /// Returns nil when `timeZoneIdentifier` is not a known IANA zone (e.g. `"Europe/Londn"`).
    public init?(name: String, timeZoneIdentifier: String, open: LocalTime, close: LocalTime,
                 holidays: any HolidaySchedule = NoHolidays()) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.init(name: name, timeZone: zone, open: open, close: close, holidays: holidays)
    }

    /// New York Stock Exchange regular session: 09:30–16:00 America/New_York, ``NYSEHolidays``,
    /// 13:00 early closes.
    public static let nyse: WeekdaySessionCalendar = {
        // Foundation ships the IANA database with its ICU data on every platform.
        guard let zone = TimeZone(identifier: "America/New_York") else {
            fatalError("time zone America/New_York is unavailable: Foundation's time zone data is missing")
        }
        return WeekdaySessionCalendar(name: "XNYS", timeZone: zone, open: LocalTime(hour: 9, minute: 30),
                                      close: LocalTime(hour: 16), holidays: NYSEHolidays())
    }()

    public func session(onDay day: Int64) -> TradingSession? {
        guard CivilDate.weekday(days: day) < 5, !holidays.isHoliday(day: day) else { return nil }
        let closing = holidays.earlyClose(day: day) ?? close
        return TradingSession(day: day, open: utc(day: day, local: open), close: utc(day: day, local: closing))
    }

    /// The UTC instant of local wall-clock time `local` on local date `day`.
    ///
    /// Asks the zone for its offset at the naive guess, then again at the corrected instant;
    /// that settles every time outside the skipped or repeated hour of a clock change, which
    /// exchange sessions avoid.
    private func utc(day: Int64, local: LocalTime) -> Timestamp {
        let wall = day * 86_400 + local.secondsOfDay
        let guess = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall))))
        let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - guess))))
        return Timestamp(seconds: wall - offset)
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
///
/// Market data parsing calls these millions of times per second, so they avoid Foundation's
/// `Calendar`, which allocates and is two orders of magnitude slower.
public enum CivilDate {
    /// Days since 1970-01-01 for a year, month (1...12) and day (1...31).
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Year, month and day for a count of days since 1970-01-01.
    @inlinable
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    /// Day of week for days since the epoch: 0 = Monday ... 6 = Sunday (ISO order).
    @inlinable
    public static func weekday(days: Int64) -> Int {
        // 1970-01-01 was a Thursday (ISO index 3).
        Int((days + 3).floorMod(7))
    }

    /// Number of days in a month of a year.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 4, 6, 9, 11: return 30
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: return 31
        }
    }
}

extension Timestamp {
    /// Builds a UTC instant from calendar fields; `nanosecond` is the fraction of the second.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int64 = 0) {
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let secs = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(nanoseconds: secs * Timestamp.nanosPerSecond + nanosecond)
    }

    /// Days since the epoch of this instant's UTC date.
    public var epochDay: Int64 { nanoseconds.floorDiv(Timestamp.nanosPerDay) }

    /// ISO-8601 text in UTC: `2024-08-08T23:54:13Z`, with a fraction only when non-zero.
    public var iso8601: String {
        let day = epochDay
        let (y, m, d) = CivilDate.civilFromDays(day)
        let nsOfDay = nanoseconds - day * Timestamp.nanosPerDay
        let secOfDay = nsOfDay / Timestamp.nanosPerSecond
        let frac = nsOfDay % Timestamp.nanosPerSecond
        var s = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(secOfDay / 3600), 2)):\(pad(Int(secOfDay / 60 % 60), 2)):\(pad(Int(secOfDay % 60), 2))"
        if frac != 0 {
            var digits = pad(Int(frac), 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return s + "Z"
    }

    /// Short form for tables: the date alone at midnight, else date and time.
    public var display: String {
        nanoseconds.floorMod(Timestamp.nanosPerDay) == 0 ? String(iso8601.prefix(10)) : iso8601
    }
}

extension Timestamp: CustomStringConvertible {
    public var description: String { iso8601 }
}

@usableFromInline
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

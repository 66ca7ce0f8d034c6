/// Date rules shared by holiday schedules. Days are counted since 1970-01-01 and weekdays in
/// ISO order, 0 = Monday … 6 = Sunday (``CivilDate/weekday(days:)``).
public enum HolidayRules {
    /// The `n`-th (1-based) `weekday` of a month, e.g. the third Monday of January.
    public static func nthWeekday(_ n: Int, _ weekday: Int, year: Int, month: Int) -> Int64 {
        let first = CivilDate.daysFromCivil(year: year, month: month, day: 1)
        let offset = Int64((weekday - CivilDate.weekday(days: first) + 7) % 7)
        return first + offset + Int64(7 * (n - 1))
    }

    /// The last `weekday` of a month, e.g. the last Monday of May.
    public static func lastWeekday(_ weekday: Int, year: Int, month: Int) -> Int64 {
        let last = CivilDate.daysFromCivil(year: year, month: month, day: CivilDate.daysInMonth(year: year, month: month))
        return last - Int64((CivilDate.weekday(days: last) - weekday + 7) % 7)
    }

    /// US federal observance of a fixed-date holiday: Saturday → preceding Friday,
    /// Sunday → following Monday. Returns nil for a Saturday when `observeSaturday` is false
    /// (NYSE does not close on Friday 31 December for a Saturday New Year's Day, NYSE Rule 7.2).
    public static func observed(_ day: Int64, observeSaturday: Bool = true) -> Int64? {
        switch CivilDate.weekday(days: day) {
        case 5: return observeSaturday ? day - 1 : nil
        case 6: return day + 1
        default: return day
        }
    }

    /// Western (Gregorian) Easter Sunday of `year`: the anonymous Gregorian computus
    /// ("Meeus/Jones/Butcher" algorithm; J. Meeus, *Astronomical Algorithms*, 2nd ed., ch. 8),
    /// valid for every Gregorian year.
    public static func easterSunday(year: Int) -> Int64 {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate.daysFromCivil(year: year, month: month, day: day)
    }
}

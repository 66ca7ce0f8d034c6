/// New York Stock Exchange holidays, computed by rule, plus the exchange's unscheduled
/// full-day closures and its regular 13:00 early closes.
///
/// Regular holidays (NYSE Rule 7.2; observed dates, see ``HolidayRules/observed(_:observeSaturday:)``):
///
/// | holiday | rule |
/// |---|---|
/// | New Year's Day | 1 Jan; Sunday → Monday; **not** moved to Friday 31 Dec when on a Saturday |
/// | Martin Luther King Jr. Day | third Monday of January, from 1998 |
/// | Washington's Birthday | third Monday of February (22 Feb, observed, before 1971) |
/// | Good Friday | two days before Western Easter (``HolidayRules/easterSunday(year:)``) |
/// | Memorial Day | last Monday of May (30 May, observed, before 1971) |
/// | Juneteenth | 19 June, observed, from 2022 |
/// | Independence Day | 4 July, observed |
/// | Labor Day | first Monday of September |
/// | Election Day | Tuesday after the first Monday of November, through 1968 and in 1972, 1976, 1980 |
/// | Thanksgiving | fourth Thursday of November |
/// | Christmas | 25 December, observed |
///
/// The rules follow the NYSE from 1954 on; earlier years lack the holidays the exchange
/// dropped in 1953 (Lincoln's Birthday, Columbus Day, Veterans Day) and its Saturday
/// sessions. They were checked against real daily data for 1990–2022 (zero gaps, see the
/// calendar tests). Unscheduled closures are listed from 1969 in ``specialClosures``.
/// Source: NYSE holiday schedule (nyse.com/markets/hours-calendars) and its historical
/// closings list.
public struct NYSEHolidays: HolidaySchedule {
    public init() {}

    /// Local closing time of an early-close session.
    public static let earlyCloseTime = LocalTime(hour: 13)

    /// Unscheduled full-day closures (weather, national days of mourning, emergencies).
    public static let specialClosures: [Holiday] = [
        (1969, 2, 10, "Snowstorm"),
        (1969, 3, 31, "Funeral of President Eisenhower"),
        (1969, 7, 21, "Apollo 11 moon landing"),
        (1972, 12, 28, "Funeral of President Truman"),
        (1973, 1, 25, "Funeral of President Johnson"),
        (1977, 7, 14, "New York City blackout"),
        (1985, 9, 27, "Hurricane Gloria"),
        (1994, 4, 27, "Funeral of President Nixon"),
        (2001, 9, 11, "September 11 attacks"),
        (2001, 9, 12, "September 11 attacks"),
        (2001, 9, 13, "September 11 attacks"),
        (2001, 9, 14, "September 11 attacks"),
        (2004, 6, 11, "Funeral of President Reagan"),
        (2007, 1, 2, "National day of mourning for President Ford"),
        (2012, 10, 29, "Hurricane Sandy"),
        (2012, 10, 30, "Hurricane Sandy"),
        (2018, 12, 5, "National day of mourning for President George H. W. Bush"),
        (2025, 1, 9, "National day of mourning for President Carter"),
    ].map { Holiday(day: CivilDate.daysFromCivil(year: $0.0, month: $0.1, day: $0.2), name: $0.3) }

    private static let specialClosureDays: Set<Int64> = Set(specialClosures.map(\.day))

    /// The regular holidays, each computable for a year without allocating.
    enum Rule: CaseIterable {
        case newYear, martinLutherKing, washington, goodFriday, memorial, juneteenth
        case independence, labor, election, thanksgiving, christmas

        var name: String {
            switch self {
            case .newYear: return "New Year's Day"
            case .martinLutherKing: return "Martin Luther King Jr. Day"
            case .washington: return "Washington's Birthday"
            case .goodFriday: return "Good Friday"
            case .memorial: return "Memorial Day"
            case .juneteenth: return "Juneteenth National Independence Day"
            case .independence: return "Independence Day"
            case .labor: return "Labor Day"
            case .election: return "Election Day"
            case .thanksgiving: return "Thanksgiving Day"
            case .christmas: return "Christmas Day"
            }
        }

        /// The closed date in `year`, or nil when the holiday is not observed that year.
        func day(in year: Int) -> Int64? {
            let monday = 0, thursday = 3
            switch self {
            case .newYear:
                return HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 1, day: 1), observeSaturday: false)
            case .martinLutherKing:
                return year >= 1998 ? HolidayRules.nthWeekday(3, monday, year: year, month: 1) : nil
            case .washington:
                // The Uniform Monday Holiday Act moved it to a Monday from 1971.
                return year >= 1971 ? HolidayRules.nthWeekday(3, monday, year: year, month: 2)
                    : HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 2, day: 22))
            case .goodFriday:
                return HolidayRules.easterSunday(year: year) - 2
            case .memorial:
                return year >= 1971 ? HolidayRules.lastWeekday(monday, year: year, month: 5)
                    : HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 5, day: 30))
            case .juneteenth:
                return year >= 2022 ? HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 6, day: 19)) : nil
            case .independence:
                return HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 7, day: 4))
            case .labor:
                return HolidayRules.nthWeekday(1, monday, year: year, month: 9)
            case .election:
                guard year <= 1968 || year == 1972 || year == 1976 || year == 1980 else { return nil }
                return HolidayRules.nthWeekday(1, monday, year: year, month: 11) + 1
            case .thanksgiving:
                return HolidayRules.nthWeekday(4, thursday, year: year, month: 11)
            case .christmas:
                return HolidayRules.observed(CivilDate.daysFromCivil(year: year, month: 12, day: 25))
            }
        }
    }

    public func holidays(inYear year: Int) -> [Holiday] {
        var out = Rule.allCases.compactMap { rule in rule.day(in: year).map { Holiday(day: $0, name: rule.name) } }
        out += Self.specialClosures.filter { CivilDate.civilFromDays($0.day).year == year }
        return out.sorted { $0.day < $1.day }
    }

    public func isHoliday(day: Int64) -> Bool {
        if Self.specialClosureDays.contains(day) { return true }
        let year = CivilDate.civilFromDays(day).year
        for rule in Rule.allCases where rule.day(in: year) == day { return true }
        return false
    }

    /// Regular early closes at 13:00 New York time: the day after Thanksgiving (from 1993),
    /// Christmas Eve on Monday–Thursday (from 1999), 3 July on Monday, Tuesday or Thursday
    /// (from 1995) and on Wednesday (from 2013), and Friday 5 July after a Thursday
    /// Independence Day (1996–2012). Ad-hoc early closes are not modelled.
    public func earlyClose(day: Int64) -> LocalTime? {
        let (year, month, dom) = CivilDate.civilFromDays(day)
        let weekday = CivilDate.weekday(days: day)
        switch (month, dom) {
        case (11, _):
            return year >= 1993 && day == HolidayRules.nthWeekday(4, 3, year: year, month: 11) + 1 ? Self.earlyCloseTime : nil
        case (12, 24):
            return year >= 1999 && weekday <= 3 ? Self.earlyCloseTime : nil
        case (7, 3):
            if weekday == 2 { return year >= 2013 ? Self.earlyCloseTime : nil }
            return year >= 1995 && (weekday == 0 || weekday == 1 || weekday == 3) ? Self.earlyCloseTime : nil
        case (7, 5):
            return (1996...2012).contains(year) && weekday == 4 ? Self.earlyCloseTime : nil
        default:
            return nil
        }
    }
}

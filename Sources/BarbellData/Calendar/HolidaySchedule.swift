/// A full-day exchange closure on a weekday.
public struct Holiday: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The closed local date, as days since 1970-01-01 (the observed date when a holiday
    /// falling on a weekend is moved).
    public var day: Int64
    public var name: String

    public init(day: Int64, name: String) {
        self.day = day
        self.name = name
    }

    /// The closed date as a civil date.
    public var date: (year: Int, month: Int, day: Int) { CivilDate.civilFromDays(day) }

    public var description: String { "\(Timestamp(nanoseconds: day * Timestamp.nanosPerDay).display) \(name)" }
}

/// The non-trading weekdays and shortened sessions of an exchange.
///
/// Weekends are the calendar's business (``WeekdaySessionCalendar``); a schedule only lists
/// weekday exceptions.
public protocol HolidaySchedule: Sendable {
    /// Full-day closures in `year`, sorted by date. Only weekdays are listed.
    func holidays(inYear year: Int) -> [Holiday]

    /// Whether local date `day` (days since 1970-01-01) is a full-day closure. Called once per
    /// session lookup, so implementations should avoid allocating.
    func isHoliday(day: Int64) -> Bool

    /// The local closing time when trading on `day` ends early, else nil.
    func earlyClose(day: Int64) -> LocalTime?
}

extension HolidaySchedule {
    public func isHoliday(day: Int64) -> Bool {
        holidays(inYear: CivilDate.civilFromDays(day).year).contains { $0.day == day }
    }

    public func earlyClose(day: Int64) -> LocalTime? { nil }
}

/// A schedule without holidays: the exchange trades every weekday.
public struct NoHolidays: HolidaySchedule {
    public init() {}
    public func holidays(inYear year: Int) -> [Holiday] { [] }
    public func isHoliday(day: Int64) -> Bool { false }
}

/// A calendar day (proleptic Gregorian), enough for quote and expiry dates and the days between
/// them.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    /// Throws ``QuantError/Code/invalidArgument`` for a month outside 1...12 or a day outside the
    /// month.
    public init(year: Int, month: Int, day: Int) throws {
        let lengths = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= lengths[month - 1] else {
            throw QuantError(.invalidArgument, "\(year)-\(month)-\(day) is not a calendar date")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `MM/DD/YYYY` (iVolatility's layout).
    public init(parsing text: String) throws {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let us = text.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Int?]
        if iso.count == 3 {
            parts = [Int(iso[0]), Int(iso[1]), Int(iso[2])]
        } else if us.count == 3 {
            parts = [Int(us[2]), Int(us[0]), Int(us[1])]
        } else {
            throw QuantError(.invalidArgument, "'\(text)' is not a date; expected YYYY-MM-DD or MM/DD/YYYY")
        }
        guard let y = parts[0], let m = parts[1], let d = parts[2] else {
            throw QuantError(.invalidArgument, "'\(text)' is not a date; expected YYYY-MM-DD or MM/DD/YYYY")
        }
        try self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (Hinnant's days-from-civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The ISO form YYYY-MM-DD.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.dayNumber < b.dayNumber }

    /// The year fraction from `self` to `later` on an Actual/365 Fixed basis.
    public func yearFraction(to later: CalendarDate) -> Double {
        Double(later.dayNumber - dayNumber) / 365
    }
}

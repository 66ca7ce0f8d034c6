/// A wall-clock time of day at an exchange (in the exchange's own time zone).
public struct LocalTime: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int = 0) {
        precondition((0...24).contains(hour) && (0..<60).contains(minute) && (hour < 24 || minute == 0),
                     "local time must lie in 00:00...24:00")
        self.hour = hour
        self.minute = minute
    }

    /// Seconds after local midnight.
    public var secondsOfDay: Int64 { Int64(hour * 3600 + minute * 60) }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.secondsOfDay < rhs.secondsOfDay }

    public var description: String { pad(hour, 2) + ":" + pad(minute, 2) }
}

/// One trading session: the instants `[open, close)` during which an exchange trades, and
/// the local calendar date it belongs to.
public struct TradingSession: Hashable, Sendable, Codable {
    /// The session's local trading date, as days since 1970-01-01 (see ``CivilDate``).
    public var day: Int64
    /// First instant of trading, UTC.
    public var open: Timestamp
    /// End of trading (exclusive), UTC.
    public var close: Timestamp

    public init(day: Int64, open: Timestamp, close: Timestamp) {
        self.day = day
        self.open = open
        self.close = close
    }

    /// Label of a daily bar for this session: midnight UTC of the local trading date, the
    /// convention daily files (and ``Timeframe`` day buckets) use.
    public var dailyLabel: Timestamp { Timestamp(nanoseconds: day * Timestamp.nanosPerDay) }
}

/// A UTC instant with nanosecond resolution, stored as nanoseconds since the Unix epoch.
///
/// Int64 nanoseconds span 1677-09-21 to 2262-04-11, which covers every market data set
/// Barbell targets while keeping tick-level precision (exchange feeds report up to ns).
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * Timestamp.nanosPerSecond }
    public init(milliseconds: Int64) { self.nanoseconds = milliseconds * 1_000_000 }
    public init(microseconds: Int64) { self.nanoseconds = microseconds * 1_000 }

    public static let nanosPerSecond: Int64 = 1_000_000_000
    public static let nanosPerDay: Int64 = 86_400 * nanosPerSecond

    /// Whole seconds since the epoch (floor division, correct before 1970).
    public var seconds: Int64 { nanoseconds.floorDiv(Timestamp.nanosPerSecond) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: Timestamp, rhs: Int64) -> Timestamp { Timestamp(nanoseconds: lhs.nanoseconds + rhs) }
}

extension Int64 {
    /// Division rounding towards negative infinity, so bucketing works for pre-1970 instants.
    @inlinable
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && ((self < 0) != (d < 0))) ? q - 1 : q
    }

    @inlinable
    func floorMod(_ d: Int64) -> Int64 { self - floorDiv(d) * d }
}

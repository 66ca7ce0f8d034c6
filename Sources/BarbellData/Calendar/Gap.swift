/// A run of expected bars missing between two consecutive bars of a series.
public struct Gap: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Index of the bar just before the gap; the bar at `afterIndex + 1` follows it.
    public var afterIndex: Int
    /// Start of the first missing bar.
    public var firstMissing: Timestamp
    /// Number of missing bars (expected bar starts strictly between the two bars).
    public var count: Int

    public init(afterIndex: Int, firstMissing: Timestamp, count: Int) {
        self.afterIndex = afterIndex
        self.firstMissing = firstMissing
        self.count = count
    }

    public var description: String { "\(count) bar(s) missing from \(firstMissing.display) after index \(afterIndex)" }
}

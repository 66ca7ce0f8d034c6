/// The sampling interval of a bar series: fixed time spans (`1s`, `5m`, `1h`, `1d`, `1w`) or
/// activity-driven bars (`tick`, `volume`, `dollar` bars, see ``TradeBarRule``).
///
/// Weekly bars start on Monday 00:00 UTC (ISO weeks). Daily and coarser bars are labelled by
/// their UTC start date. Calendar months are not fixed-length and are not supported yet.
public struct Timeframe: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case second = "s", minute = "m", hour = "h", day = "d", week = "w"

        var nanoseconds: Int64 {
            switch self {
            case .second: return 1_000_000_000
            case .minute: return 60_000_000_000
            case .hour: return 3_600_000_000_000
            case .day: return 86_400_000_000_000
            case .week: return 7 * 86_400_000_000_000
            }
        }
    }

    public var count: Int
    public var unit: Unit

    public init(_ count: Int, _ unit: Unit) {
        precondition(count > 0, "timeframe count must be positive")
        self.count = count
        self.unit = unit
    }

    /// Parses `1m`, `5m`, `1h`, `1d`, `1w`, `30s`; `min`/`D`/`H` spellings are accepted too.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.prefix { $0.isNumber }
        let rest = t.dropFirst(digits.count).lowercased()
        let n = digits.isEmpty ? 1 : Int(digits)
        guard let n, n > 0 else { return nil }
        let unit: Unit
        switch rest {
        case "s", "sec", "second", "seconds": unit = .second
        case "m", "min", "minute", "minutes", "t": unit = .minute
        case "h", "hour", "hours": unit = .hour
        case "d", "day", "days": unit = .day
        case "w", "week", "weeks": unit = .week
        default: return nil
        }
        self.init(n, unit)
    }

    public static let oneMinute = Timeframe(1, .minute)
    public static let fiveMinutes = Timeframe(5, .minute)
    public static let oneHour = Timeframe(1, .hour)
    public static let oneDay = Timeframe(1, .day)

    /// Length of one bar in nanoseconds.
    public var nanoseconds: Int64 { Int64(count) * unit.nanoseconds }

    /// Start of the bar containing `t`. Weeks are anchored on Monday (1970-01-05 was one).
    @inlinable
    public func bucketStart(_ t: Int64) -> Int64 {
        let width = nanoseconds
        let anchor: Int64 = unit == .week ? 4 * 86_400_000_000_000 : 0
        return (t - anchor).floorDiv(width) * width + anchor
    }

    public var description: String { "\(count)\(unit.rawValue)" }
}

import Foundation

import Foundation

/// How timestamps are written in a source file.
public enum TimestampFormat: String, Sendable, Codable, CaseIterable {
    /// Detected from the first data row, then fixed for the whole file.
    case auto
    /// `2024-01-31`, `2024-01-31 09:30:00`, `2024-01-31T09:30:00.123456Z`, `...+01:00`.
    case iso8601 = "iso"
    /// US style `M/D/YYYY` with an optional ` HH:MM[:SS]` time.
    case monthDayYear = "mdy"
    /// `YYYYMMDD`, optionally followed by ` HHMMSS` and milliseconds (HistData style).
    case compact = "yyyymmdd"
    case epochSeconds = "s"
    case epochMilliseconds = "ms"
    case epochMicroseconds = "us"
    case epochNanoseconds = "ns"

    var epochNanosPerUnit: Int64? {
        switch self {
        case .epochSeconds: return 1_000_000_000
        case .epochMilliseconds: return 1_000_000
        case .epochMicroseconds: return 1_000
        case .epochNanoseconds: return 1
        default: return nil
        }
    }
}

/// The time zone that naive timestamps (those without an offset) are written in.
///
/// Epoch numbers and ISO-8601 text with `Z` or an offset are absolute and ignore it.
public enum SourceTimeZone: Sendable, Equatable, CustomStringConvertible {
    case utc
    /// A fixed offset east of UTC, in seconds (HistData uses EST = -18000 all year).
    case fixed(seconds: Int)
    /// An IANA zone with daylight saving, e.g. `America/New_York`.
    case named(String)

    /// Parses `UTC`, `+01:00`, `-0500`, `EST` (fixed -5h) or an IANA identifier.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.uppercased() == "UTC" || t == "Z" || t.uppercased() == "GMT" { self = .utc; return }
        if let first = t.first, first == "+" || first == "-" {
            let digits = t.dropFirst().filter { $0.isNumber }
            guard digits.count == 4 || digits.count == 2, let v = Int(digits) else { return nil }
            let seconds = digits.count == 4 ? (v / 100) * 3600 + (v % 100) * 60 : v * 3600
            self = .fixed(seconds: first == "-" ? -seconds : seconds)
            return
        }
        if t.uppercased() == "EST" { self = .fixed(seconds: -18_000); return }
        guard TimeZone(identifier: t) != nil else { return nil }
        self = .named(t)
    }

    public var description: String {
        switch self {
        case .utc: return "UTC"
        case .fixed(let s):
            let a = abs(s)
            return (s < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
        case .named(let n): return n
        }
    }
}

/// Converts naive local wall-clock nanoseconds to UTC for a ``SourceTimeZone``.
///
/// Named zones are resolved through Foundation once per distinct local hour and cached, so a
/// million intraday rows cost a few hundred zone look-ups, not a million.
final class LocalTimeConverter {
    private let zone: SourceTimeZone
    private let timeZone: TimeZone?
    private var cache: [Int64: Int64] = [:]   // local hour index -> offset seconds

    init(_ zone: SourceTimeZone) {
        self.zone = zone
        if case .named(let id) = zone { timeZone = TimeZone(identifier: id) } else { timeZone = nil }
    }

    @inline(__always)
    func toUTC(localNanos: Int64) -> Int64 {
        switch zone {
        case .utc: return localNanos
        case .fixed(let s): return localNanos - Int64(s) * Timestamp.nanosPerSecond
        case .named:
            let hour = localNanos.floorDiv(3_600 * Timestamp.nanosPerSecond)
            if let off = cache[hour] { return localNanos - off * Timestamp.nanosPerSecond }
            let off = offset(forLocalSeconds: hour * 3600)
            cache[hour] = off
            return localNanos - off * Timestamp.nanosPerSecond
        }
    }

    /// Offset for a local wall-clock time, found by asking the zone at the guessed instant and
    /// once more at the corrected one. In the repeated hour of a fall-back change this picks
    /// one of the two instants; files in zones with daylight saving should carry offsets.
    private func offset(forLocalSeconds local: Int64) -> Int64 {
        guard let tz = timeZone else { return 0 }
        let guess = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        let refined = Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - guess))))
        return refined
    }
}

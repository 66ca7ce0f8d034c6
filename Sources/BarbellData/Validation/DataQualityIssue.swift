/// One problem found in a bar series, located by row, source line and timestamp.
public struct DataQualityIssue: Sendable, Hashable, Codable {
    /// What kind of problem. Raw values are stable and appear in `--json` output.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case missingValue = "missing-value"
        case duplicateTimestamp = "duplicate-timestamp"
        case timestampNotIncreasing = "timestamp-not-increasing"
        case ohlcInconsistent = "ohlc-inconsistent"
        case nonPositivePrice = "non-positive-price"
        case negativeVolume = "negative-volume"
        case calendarGap = "calendar-gap"
        case returnOutlier = "return-outlier"
        case staleRun = "stale-run"

        /// Errors block an import; warnings are reported and imported.
        public var severity: Severity {
            switch self {
            case .calendarGap, .returnOutlier, .staleRun: return .warning
            default: return .error
            }
        }
    }

    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var kind: Kind
    /// 0-based row in the series.
    public var row: Int
    /// 1-based line in the source file, when the series came from a file.
    public var line: Int?
    public var timestamp: Timestamp
    /// Column the problem is in, when it is about one column.
    public var field: String?
    public var detail: String

    public var severity: Severity { kind.severity }

    public init(kind: Kind, row: Int, line: Int?, timestamp: Timestamp, field: String? = nil, detail: String) {
        self.kind = kind
        self.row = row
        self.line = line
        self.timestamp = timestamp
        self.field = field
        self.detail = detail
    }
}

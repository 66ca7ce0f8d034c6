/// The outcome of validating one series: every problem found, with totals per kind.
///
/// To keep reports of huge broken files small, at most ``ValidationOptions/maxIssuesPerKind``
/// issues of each kind are kept; ``counts`` always holds the full totals.
public struct DataQualityReport: Sendable, Codable {
    public var source: String?
    public var symbol: Symbol
    public var rows: Int
    public var first: Timestamp?
    public var last: Timestamp?
    public var issues: [DataQualityIssue]
    /// Total issues per kind (raw value → count), including those not kept in ``issues``.
    public var counts: [String: Int]

    public init(source: String?, symbol: Symbol, rows: Int, first: Timestamp?, last: Timestamp?) {
        self.source = source
        self.symbol = symbol
        self.rows = rows
        self.first = first
        self.last = last
        self.issues = []
        self.counts = [:]
    }

    public var errorCount: Int { count(where: .error) }
    public var warningCount: Int { count(where: .warning) }
    public var hasErrors: Bool { errorCount > 0 }

    private func count(where severity: DataQualityIssue.Severity) -> Int {
        counts.reduce(0) { sum, entry in
            (DataQualityIssue.Kind(rawValue: entry.key)?.severity == severity) ? sum + entry.value : sum
        }
    }

    mutating func record(_ issue: DataQualityIssue, limit: Int) {
        let n = counts[issue.kind.rawValue, default: 0]
        counts[issue.kind.rawValue] = n + 1
        if n < limit { issues.append(issue) }
    }

    /// Appends another report's issues and totals as if they had been recorded here one by
    /// one after this report's own (so per-kind limits keep the same first issues).
    mutating func absorb(_ part: DataQualityReport, limit: Int) {
        var kept = counts.mapValues { Swift.min($0, limit) }
        for issue in part.issues where kept[issue.kind.rawValue, default: 0] < limit {
            issues.append(issue)
            kept[issue.kind.rawValue, default: 0] += 1
        }
        for (kind, count) in part.counts { counts[kind, default: 0] += count }
    }

    /// Issues ordered by row, errors before warnings on the same row.
    public var sortedIssues: [DataQualityIssue] {
        issues.sorted { ($0.row, $1.severity) < ($1.row, $0.severity) }
    }

    /// The first `n` errors as text, for refusing an import.
    public func firstErrors(_ n: Int) -> [String] {
        sortedIssues.filter { $0.severity == .error }.prefix(n).map { issue in
            var where_ = issue.line.map { "line \($0)" } ?? "row \(issue.row + 1)"
            where_ += " (\(issue.timestamp.display))"
            return "\(where_): \(issue.kind.rawValue)\(issue.field.map { " [\($0)]" } ?? ""): \(issue.detail)"
        }
    }
}

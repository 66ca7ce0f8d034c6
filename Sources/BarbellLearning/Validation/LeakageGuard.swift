/// Refuses a split whose training labels can see the test period.
public enum LeakageGuard {
    /// Throws when any training sample's label span overlaps the period of a run of consecutive
    /// test samples (from the run's earliest span start to its latest span end), or when a sample
    /// is both trained and tested on.
    ///
    /// - Parameters:
    ///   - split: The split to check.
    ///   - spans: One label span per sample; every index in `split` must be below `spans.count`.
    /// - Throws: ``LearningError`` `leakage` naming the first offending training rows (up to 5)
    ///   and the test period; `shapeMismatch` for a row with no span (an index outside
    ///   `0..<spans.count`).
    public static func check(_ split: Split, spans: [LabelSpan]) throws {
        for (name, set) in [("train", split.train), ("test", split.test)] {
            if let bad = set.first(where: { $0 < 0 || $0 >= spans.count }) {
                throw LearningError(.shapeMismatch, "\(name) row \(bad) but \(spans.count) label spans: expected one span per sample")
            }
        }
        let test = Set(split.test)
        let both = split.train.filter { test.contains($0) }
        if !both.isEmpty {
            throw LearningError(.leakage, "training rows \(list(both)) are also test rows")
        }
        let sortedTest = Array(test).sorted()
        for period in TestPeriod.runs(of: sortedTest, spans: spans) {
            let bad = split.train.filter { spans[$0].overlaps(period.span) }
            if !bad.isEmpty {
                throw LearningError(
                    .leakage,
                    "training rows \(list(bad)) have label spans overlapping the test period, bars "
                        + "\(period.span.start)...\(period.span.end) (test rows \(period.first)...\(period.last))")
            }
        }
    }

    private static func list(_ rows: [Int]) -> String {
        let shown = rows.prefix(5).map(String.init).joined(separator: ", ")
        return rows.count > 5 ? shown + " (and \(rows.count - 5) more)" : shown
    }
}

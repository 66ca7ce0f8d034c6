/// The bars a sample's label reads: from `start` through `end` (indices into the bar series,
/// inclusive). A sample decided at bar t has a span starting after t, so its features (up to t)
/// and its label never share a bar; purging and embargo compare spans to keep training labels
/// out of the test period.
public struct LabelSpan: Sendable, Equatable, Hashable, Codable {
    /// First bar the label reads.
    public let start: Int
    /// Last bar the label reads.
    public let end: Int

    /// - Throws: ``LearningError`` (`invalidArgument`) when `end < start` or `start < 0`.
    public init(start: Int, end: Int) throws(LearningError) {
        guard start >= 0, end >= start else {
            throw LearningError(.invalidArgument, "label span \(start)...\(end): expected 0 ≤ start ≤ end")
        }
        self.start = start
        self.end = end
    }

    /// Whether the two spans share a bar.
    public func overlaps(_ other: LabelSpan) -> Bool { start <= other.end && other.start <= end }
}

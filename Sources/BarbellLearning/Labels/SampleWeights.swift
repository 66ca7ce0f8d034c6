import Foundation

/// Sample weights for overlapping labels (López de Prado, AFML ch. 4): samples whose spans share
/// bars carry partly the same information, so they should count less.
public enum SampleWeights {
    /// Concurrency c_i for each bar i in `0 ..< barCount`: how many spans cover it (AFML snippet 4.1).
    /// - Throws: ``LearningError`` when `barCount < 0` or a span ends at or past `barCount`.
    public static func concurrency(spans: [LabelSpan], barCount: Int) throws(LearningError) -> [Int] {
        guard barCount >= 0 else {
            throw LearningError(.invalidArgument, "bar count \(barCount): expected ≥ 0")
        }
        // Difference array: +1 where a span opens, −1 after it closes, then a running sum.
        var delta = [Int](repeating: 0, count: barCount + 1)
        for (k, span) in spans.enumerated() {
            guard span.end < barCount else {
                throw LearningError(.shapeMismatch, "span of sample \(k) is \(span.start)...\(span.end): expected it inside bars 0..<\(barCount)")
            }
            delta[span.start] += 1
            delta[span.end + 1] -= 1
        }
        var out = [Int](repeating: 0, count: barCount)
        var running = 0
        for i in 0..<barCount {
            running += delta[i]
            out[i] = running
        }
        return out
    }

    /// Average uniqueness of each sample: the mean of `1 / c_i` over the bars of its span (AFML
    /// snippet 4.2); 1 for a sample that shares no bar, 1/k for k identical spans.
    /// - Throws: as ``concurrency(spans:barCount:)``.
    public static func averageUniqueness(spans: [LabelSpan], barCount: Int) throws(LearningError) -> [Double] {
        let c = try concurrency(spans: spans, barCount: barCount)
        return spans.map { span in
            var sum = 0.0
            for i in span.start...span.end { sum += 1 / Double(c[i]) }
            return sum / Double(span.end - span.start + 1)
        }
    }

    /// Return-attribution weights (AFML snippet 4.10): |Σ over the span of log(close_i/close_{i−1}) / c_i|,
    /// scaled so the weights sum to the number of samples; large absolute returns that few labels
    /// share weigh most.
    /// No spans give no weights.
    /// - Throws: as ``concurrency(spans:barCount:)`` with `barCount = close.count`, for a bad close,
    ///   a span starting at bar 0 (it has no one-bar return), or all weights 0.
    public static func returnAttribution(spans: [LabelSpan], close: [Double]) throws(LearningError) -> [Double] {
        try CloseSeriesCheck.validate(close)
        if spans.isEmpty { return [] }
        let c = try concurrency(spans: spans, barCount: close.count)
        var weights: [Double] = []
        weights.reserveCapacity(spans.count)
        for (k, span) in spans.enumerated() {
            guard span.start >= 1 else {
                throw LearningError(.invalidArgument, "span of sample \(k) starts at bar 0: expected ≥ 1 (bar 0 has no return)")
            }
            var attributed = 0.0
            for i in span.start...span.end { attributed += (Foundation.log(close[i]) - Foundation.log(close[i - 1])) / Double(c[i]) }
            weights.append(abs(attributed))
        }
        let total = weights.reduce(0, +)
        guard total > 0 else {
            throw LearningError(.insufficientData, "return-attribution weights are all 0: expected some price movement inside the spans")
        }
        let scale = Double(weights.count) / total
        return weights.map { $0 * scale }
    }
}

import BarbellData

/// Features aligned with labels, one sample per (bar, symbol), ordered by time then symbol, with
/// every label's span on one calendar shared by all symbols — what the splitters and the leakage
/// guard need to keep training labels out of test periods across a whole panel.
///
/// No look-ahead by construction: a sample's features are the feature engine's values at its bar
/// (computed from bars up to and including it), and its label span starts at a later calendar bar.
public struct SupervisedDataset: Sendable {
    /// Feature column names, in the order of each row of ``features``.
    public let featureNames: [String]
    /// The symbols, in input order; samples refer to them by position.
    public let symbols: [String]
    /// The shared calendar: every timestamp of any symbol, ascending.
    public let calendar: [Timestamp]
    /// Per sample: the symbol's position in ``symbols``.
    public let symbolIndex: [Int]
    /// Per sample: its bar's position in ``calendar``.
    public let time: [Int]
    /// Row-major `count × featureNames.count` features.
    public let features: [Double]
    /// Per sample: the label.
    public let labels: [Double]
    /// Per sample: the calendar bars its label reads.
    public let spans: [LabelSpan]
    /// Rows skipped because a feature was not yet defined (warm-up) or not finite, per symbol.
    public let skippedWarmUp: [Int]

    /// The number of samples.
    public var count: Int { labels.count }
    /// The number of features per sample.
    public var width: Int { featureNames.count }

    /// The feature row of sample `i`.
    public func row(_ i: Int) -> ArraySlice<Double> { features[(i * width)..<((i + 1) * width)] }
}

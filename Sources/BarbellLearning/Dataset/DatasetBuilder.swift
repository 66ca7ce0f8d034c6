import BarbellData
import BarbellFeatures

/// Builds a ``SupervisedDataset`` from bars: the features computed per symbol (by default a
/// feature set through the feature engine, the same code that serves live predictions), the label
/// per symbol, aligned on a shared calendar.
public struct DatasetBuilder: Sendable {
    public let features: any FeatureSource
    public let label: LabelDefinition

    public init(features: any FeatureSource, label: LabelDefinition) {
        self.features = features
        self.label = label
    }

    /// - Throws: ``LearningError`` for a spec the feature engine does not know.
    public init(featureSet: FeatureSet, label: LabelDefinition) throws {
        self.init(features: try FeatureSetSource(featureSet), label: label)
    }

    /// - Parameters:
    ///   - panel: One bar series per symbol (one element for a single instrument).
    ///   - threads: Threads for the feature computation (default: all cores).
    /// - Throws: ``LearningError`` naming the symbol for a feature or label that cannot be
    ///   computed, duplicate symbols, or a panel that yields no sample.
    public func build(panel: [BarSeries], threads: Int? = nil) throws -> SupervisedDataset {
        let names = try Self.symbolNames(panel, context: "dataset")
        let frames = try features.columns(panel: panel, threads: threads)
        for (s, columns) in frames.enumerated() where columns.count != features.featureNames.count || columns.contains(where: { $0.count != panel[s].count }) {
            throw LearningError(.shapeMismatch, "dataset: \(names[s]): the feature source gave \(columns.count) columns for \(features.featureNames.count) names, or a column not \(panel[s].count) bars long")
        }
        let calendar = Array(Set(panel.flatMap(\.timestamps))).sorted()
        let position = Dictionary(uniqueKeysWithValues: calendar.enumerated().map { ($0.element, $0.offset) })

        struct Sample { var symbol: Int; var time: Int; var row: [Double]; var label: Double; var span: LabelSpan }
        var samples: [Sample] = []
        var skipped = [Int](repeating: 0, count: panel.count)
        for (s, series) in panel.enumerated() {
            let columns = frames[s]
            let labels: [(index: Int, value: Double, span: LabelSpan)]
            do { labels = try label.labels(close: series.close) } catch {
                throw LearningError(error.code, "dataset: \(names[s]): \(error.message)")
            }
            let local = series.timestamps.map { position[$0]! }
            for l in labels {
                let row = columns.map { $0[l.index] }
                guard row.allSatisfy(\.isFinite) else { skipped[s] += 1; continue }
                // The span in this symbol's bars, moved onto the shared calendar: strictly after
                // the sample's own bar because the symbol's bars are ascending.
                let span = try LabelSpan(start: local[l.span.start], end: local[l.span.end])
                samples.append(Sample(symbol: s, time: local[l.index], row: row, label: l.value, span: span))
            }
        }
        guard !samples.isEmpty else {
            throw LearningError(.insufficientData, "dataset: no bar of \(names.joined(separator: ", ")) has every feature defined and a label")
        }
        samples.sort { ($0.time, $0.symbol) < ($1.time, $1.symbol) }
        return SupervisedDataset(
            featureNames: features.featureNames, symbols: names, calendar: calendar, symbolIndex: samples.map(\.symbol),
            time: samples.map(\.time), features: samples.flatMap(\.row), labels: samples.map(\.label),
            spans: samples.map(\.span), skippedWarmUp: skipped)
    }

    /// The panel's symbol names; an empty panel or a repeated symbol is an error.
    static func symbolNames(_ panel: [BarSeries], context: String) throws(LearningError) -> [String] {
        guard !panel.isEmpty else { throw LearningError(.insufficientData, "\(context): no series given") }
        let names = panel.map(\.symbol.name)
        if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw LearningError(.invalidArgument, "\(context): symbol \(duplicate) appears more than once")
        }
        return names
    }
}

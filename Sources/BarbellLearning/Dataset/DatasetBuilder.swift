import BarbellData
import BarbellFeatures

/// Builds a ``SupervisedDataset`` from bars: the feature set computed per symbol by the feature
/// engine (the same code that serves live predictions), the label per symbol, aligned on a shared
/// calendar.
public struct DatasetBuilder: Sendable {
    public let featureSet: FeatureSet
    public let label: LabelDefinition

    public init(featureSet: FeatureSet, label: LabelDefinition) {
        self.featureSet = featureSet
        self.label = label
    }

    /// - Parameters:
    ///   - panel: One bar series per symbol (one element for a single instrument).
    ///   - threads: Threads for the feature computation (default: all cores).
    /// - Throws: ``LearningError`` naming the symbol for a feature or label that cannot be
    ///   computed, duplicate symbols, or a panel that yields no sample.
    public func build(panel: [BarSeries], threads: Int? = nil) throws -> SupervisedDataset {
        guard !panel.isEmpty else { throw LearningError(.insufficientData, "dataset: no series given") }
        let names = panel.map(\.symbol.name)
        if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw LearningError(.invalidArgument, "dataset: symbol \(duplicate) appears more than once")
        }
        let computer: FeatureComputer
        let frames: [FeatureFrame]
        do {
            computer = try FeatureComputer(featureSet)
            frames = try computer.compute(panel: panel.map { s in
                let input = FeatureInput(s)
                return input[.vwap] == nil ? input.withTypicalPriceVWAP() : input
            }, threads: threads)
        } catch {
            throw LearningError(.invalidArgument, "dataset: features: \(error.message)")
        }
        let calendar = Array(Set(panel.flatMap(\.timestamps))).sorted()
        let position = Dictionary(uniqueKeysWithValues: calendar.enumerated().map { ($0.element, $0.offset) })

        struct Sample { var symbol: Int; var time: Int; var row: [Double]; var label: Double; var span: LabelSpan }
        var samples: [Sample] = []
        var skipped = [Int](repeating: 0, count: panel.count)
        for (s, series) in panel.enumerated() {
            let columns = frames[s].columns
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
            featureNames: frames[0].names, symbols: names, calendar: calendar, symbolIndex: samples.map(\.symbol),
            time: samples.map(\.time), features: samples.flatMap(\.row), labels: samples.map(\.label),
            spans: samples.map(\.span), skippedWarmUp: skipped)
    }
}

import BarbellData

extension DatasetBuilder {
    /// The feature rows of a panel without labels — every (bar, symbol) whose features are all
    /// defined and finite, ordered by time then symbol — computed by the same feature code as
    /// ``build(panel:threads:)``. This is what a saved model predicts from on live or replayed bars.
    ///
    /// - Throws: ``LearningError`` for a feature that cannot be computed, duplicate symbols, or a
    ///   panel in which no bar has every feature defined.
    public func featureMatrix(panel: [BarSeries], threads: Int? = nil) throws -> FeatureMatrix {
        let names = try Self.symbolNames(panel, context: "features")
        let frames = try features.columns(panel: panel, threads: threads)
        let width = features.featureNames.count
        let calendar = Array(Set(panel.flatMap(\.timestamps))).sorted()
        let position = Dictionary(uniqueKeysWithValues: calendar.enumerated().map { ($0.element, $0.offset) })
        var keys: [(time: Int, symbol: Int, bar: Int)] = []
        for (s, series) in panel.enumerated() {
            let columns = frames[s]
            guard columns.count == width, columns.allSatisfy({ $0.count == series.count }) else {
                throw LearningError(.shapeMismatch, "features: \(names[s]): the feature source gave \(columns.count) columns for \(width) names, or a column not \(series.count) bars long")
            }
            for b in 0..<series.count where columns.allSatisfy({ $0[b].isFinite }) {
                keys.append((position[series.timestamps[b]]!, s, b))
            }
        }
        guard !keys.isEmpty else {
            throw LearningError(.insufficientData, "features: no bar of \(names.joined(separator: ", ")) has every feature defined")
        }
        keys.sort { ($0.time, $0.symbol) < ($1.time, $1.symbol) }
        var values = [Double]()
        values.reserveCapacity(keys.count * width)
        for key in keys { for j in 0..<width { values.append(frames[key.symbol][j][key.bar]) } }
        return FeatureMatrix(featureNames: features.featureNames, symbols: names, calendar: calendar,
                             symbolIndex: keys.map(\.symbol), time: keys.map(\.time), values: values)
    }
}

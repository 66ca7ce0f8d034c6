import BarbellData
import BarbellLearning

/// Which features a model that drove a backtest relied on: permutation importance measured on
/// the backtest's out-of-sample bars (after the training window), so the tearsheet explains the
/// model where it traded rather than where it learned.
public enum ModelImportance {
    /// - Parameters:
    ///   - artifact: the `.bbm` file.
    ///   - rows: the last this many labelled out-of-sample rows are permuted.
    /// - Returns: the `top` features by importance, or nil when no out-of-sample row has a label.
    public static func permutation(artifact path: String, panel: [BarSeries], rows: Int = 500, top: Int = 20,
                                   seed: UInt64 = 0) throws -> [TearsheetImportance]? {
        let artifact = try ModelArtifact.read(from: path)
        let manifest = artifact.manifest
        let trained = try ModelRegistry.standard.restore(manifest.model, weights: artifact.weights)
        let dataset = try DatasetBuilder(featureSet: manifest.featureSet, label: manifest.label).build(panel: panel)
        let windows = dataset.inputs.windows(Array(0..<dataset.count), length: trained.window)
        let outOfSample = (0..<dataset.count).filter {
            windows[$0] != nil && dataset.calendar[dataset.time[$0]] > manifest.trainingEnd
        }
        let chosen = Array(outOfSample.suffix(rows))
        guard !chosen.isEmpty else { return nil }
        let explanation = try ModelExplainer.permutation(trained, inputs: dataset.inputs, rows: chosen,
                                                         labels: chosen.map { dataset.labels[$0] }, seed: seed)
        return explanation.ranked(top: top).map { TearsheetImportance(feature: $0.0, value: $0.1) }
    }
}

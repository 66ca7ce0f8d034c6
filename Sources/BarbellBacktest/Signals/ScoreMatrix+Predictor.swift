import BarbellData
import BarbellLearning

extension ScoreMatrix {
    /// Scores a model artifact gives the bars of `panel`, computed through the feature code it
    /// was trained with, keeping only bars the model could not have learned from.
    ///
    /// A score at bar t is kept when t is more than the label's horizon past the end of the
    /// training window: before that, the training labels overlapped the returns it would trade,
    /// and a backtest there would report in-sample skill.
    /// - Returns: the scores and how many in-sample ones were left out.
    public static func outOfSample(predictor: any Predictor, panel: [BarSeries],
                                   grid: PriceGrid) throws -> (scores: ScoreMatrix, droppedInSample: Int) {
        let manifest = predictor.manifest
        let predictions = try predictor.predict(panel: panel)
        let matrix = try ScoreMatrix(predictions: predictions, grid: grid, source: "model \(manifest.name)")
        let horizon = manifest.label.horizon
        // The first bar after the training window, then `horizon` more.
        let firstAfter = grid.timestamps.firstIndex { $0 > manifest.trainingEnd } ?? grid.barCount
        let firstKept = min(grid.barCount, firstAfter + horizon)
        var values = matrix.values
        var dropped = 0
        for s in values.indices {
            for t in 0..<firstKept where !values[s][t].isNaN {
                values[s][t] = .nan
                dropped += 1
            }
        }
        return (ScoreMatrix(values: values), dropped)
    }
}

import BarbellData
import BarbellTorch
import Foundation

/// Step 9 of `barbell demo`: a small LSTM trained on the stored SPX history, scored out of sample,
/// with a Monte Carlo dropout forecast of the next day.
enum DemoNeural {
    static func summary(spx: BarSeries) throws -> String {
        // The last ten years keep the run to a few seconds in a release build.
        let recent = spx.count > 2_520 ? spx.slice(from: spx.timestamps[spx.count - 2_520]) : spx
        var recipe = NNRecipe()
        recipe.model = SequenceModelConfiguration(architecture: .lstm, features: 0, hidden: 16, layers: 1, dropout: 0.2)
        recipe.training.epochs = 6
        recipe.training.batchSize = 64
        recipe.training.learningRate = 2e-3
        recipe.training.schedule = "warmup-cosine"
        recipe.training.seed = 7
        recipe.data.lookback = 20
        let run = try NNTrainingRun(series: recent, recipe: recipe, source: "SPX")
        let report = try run.fit(checkpoint: nil, resume: false) { _ in }
        let w = run.windows
        var text = "9. Neural network: LSTM(hidden 16) on libtorch, \(run.model.parameterCount) parameters, \(w.featureNames.count) features × \(w.lookback) days → next-day log return\n"
        text += "train \(w.train.count) windows (\(w.trainSpan.0.display) … \(w.trainSpan.1.display)), validation \(w.validation?.count ?? 0)"
        text += (w.validationSpan.map { " (\($0.0.display) … \($0.1.display)), after a 1-day purge; features standardised on training rows only" } ?? "") + "\n"
        var table = TextTable(["epoch", "train loss", "validation loss", "learning rate"], rightAligned: [0, 1, 2, 3])
        for e in report.history.epochs {
            table.add([String(e.epoch + 1), String(format: "%.4f", e.trainLoss), e.validationLoss.map { String(format: "%.4f", $0) } ?? "-",
                       String(format: "%.2e", e.learningRate)])
        }
        text += table.render() + "\n"
        text += "validation (out of sample): \(report.validation.summary) — losses in units of the training σ of daily returns\n"
        let forecast = try run.model.monteCarloDropout(w.latestInput, samples: 200, coverage: 0.9)
        let scale = w.targetScale[0] * 100
        text += String(format: "Monte Carlo dropout (200 passes) for the day after %@: mean %+.3f%%, σ %.3f%%, 90%% interval [%+.3f%%, %+.3f%%] — model uncertainty, not a promise of returns\n",
                       recent.timestamps[recent.count - 1].display, forecast.mean[0] * scale, forecast.standardDeviation[0] * scale,
                       forecast.lower[0] * scale, forecast.upper[0] * scale)
        text += String(format: "trained in %.1f s; seed 7 reproduces every number above bit for bit (`barbell nn train` for the whole zoo)", report.seconds)
        return text
    }
}

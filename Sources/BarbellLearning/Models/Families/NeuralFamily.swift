import BarbellTorch
import Foundation

/// The neural zoo (``SequenceModelConfiguration/Architecture``) behind the common interface: one
/// sequence model over the last `lookback` rows of each symbol, trained on the rows of all symbols
/// with AdamW, float32 on the CPU, seeded (initial weights, dropout and shuffling all come from
/// the fit's seed, so a seed gives bit-identical predictions).
///
/// `task: regression` (the default) fits MSE on labels divided by their training standard
/// deviation; `task: classification` fits cross-entropy over the distinct training labels and
/// scores with ``LabelClasses/scores(probabilities:)``. Weights: `model.pt` (a torch state dict,
/// loadable with `torch.load`) and `neural.json` (``NeuralState``).
///
/// Fields and defaults: `task` (regression), `hidden` (64), `layers` (1), `dropout` (0.1), `heads`
/// (4), `kernelSize` (3), `scales` ([5, 20, 60], those longer than the lookback left out), `head`
/// (linear | multi-horizon), `volumeFeature` / `volatilityFeature` (feature names, required by
/// market-transformer), `lookback` (20), `epochs` (10), `batchSize` (256, also the prediction
/// batch), `learningRate` (0.001), `weightDecay` (0, AdamW), `patience` (3, with validation rows
/// only), `gradientClip` (1). Sample weights are refused: the trainer's losses are unweighted.
///
/// ```yaml
/// model: {type: lstm, hidden: 32, layers: 1, dropout: 0.1, lookback: 20, epochs: 10, batchSize: 256,
///         learningRate: 0.001, weightDecay: 0.0, patience: 3}
/// model: {type: market-transformer, heads: 4, volumeFeature: VMA5, volatilityFeature: VOL_YZ}
/// ```
public struct NeuralFamily: ModelFamily {
    public init() {}
    public var types: [String] { SequenceModelConfiguration.Architecture.allCases.map(\.rawValue) }

    public func learner(_ configuration: ModelConfiguration, registry: ModelRegistry) throws -> any Learner {
        let settings = try configuration.decode(NeuralSettings.self, allowed: NeuralSettings.keys)
        try settings.validate(configuration.type)
        return NeuralLearner(configuration: configuration, settings: settings)
    }

    public func restore(_ configuration: ModelConfiguration, weights: ModelWeights, registry: ModelRegistry) throws -> any TrainedModel {
        let type = configuration.type
        let settings = try configuration.decode(NeuralSettings.self, allowed: NeuralSettings.keys)
        let state = try weights.json(NeuralState.self, "neural.json", model: type)
        // Rebuild from the configuration; the saved shape guards against weights of another one.
        let model = try settings.model(type, featureNames: state.featureNames, classes: state.classes?.values.count)
        guard model == state.model, state.lookback == settings.window, state.scaling.means.count == state.featureNames.count else {
            throw LearningError(.shapeMismatch, "model \(type): neural.json describes a different model than the configuration")
        }
        let predictor = try model.build(seed: 0)
        try TemporaryFile.withFile(named: "model.pt", contents: try weights.file("model.pt", model: type)) { path in
            try predictor.load(from: path)
        }
        return TrainedNeural(configuration: configuration, state: state, model: predictor, batchSize: settings.batchSize ?? 256)
    }
}

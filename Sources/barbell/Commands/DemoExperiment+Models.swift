import BarbellLearning

/// The models step 10 of `barbell demo` compares, and the experiment that runs them: the
/// equities example's (`Examples/experiments/equities-daily.yaml`) shrunk to run in about a
/// minute on two cores.
extension DemoExperiment {
    /// Close-only Alpha158 columns (the bundled file has closes only): momentum, volatility,
    /// trend, position in the range, up/down counts and the trend fit.
    static let features = ["ROC5", "ROC20", "ROC60", "STD5", "STD20", "MA5", "MA20", "MA60", "RSV20", "RANK20",
                           "CNTD20", "SUMD20", "BETA20", "RSQR20"]

    /// Gradient-boosted trees; early stopping on the purged holdout caps the rounds.
    static let xgboost = ModelConfiguration(type: "xgboost", parameters: [
        "rounds": .int(150), "eta": .double(0.05), "maxDepth": .int(4), "subsample": .double(0.8),
        "minChildWeight": .int(50), "earlyStopping": .int(20), "threads": .int(2)])

    /// The linear baseline (standardised features).
    static let ridge = ModelConfiguration(type: "ridge", parameters: ["alpha": .int(100)])

    /// A one-layer LSTM over 20-bar windows of the features. The equities example uses hidden 32
    /// and 6 epochs; hidden 16 and 3 epochs keep the demo's four folds (and the ensemble's own
    /// LSTM) within its time budget. Seeded by the experiment's seed and the fold.
    static let lstm = ModelConfiguration(type: "lstm", parameters: [
        "hidden": .int(16), "layers": .int(1), "lookback": .int(20), "epochs": .int(3), "batchSize": .int(512),
        "learningRate": .double(0.001), "patience": .int(2)])

    /// Ridge, XGBoost and the LSTM, z-scored and weighted by their information coefficients on the
    /// most recent fifth of each training window (members with a non-positive IC get no weight).
    static let ensemble = ModelConfiguration(type: "ensemble", parameters: [
        "method": .string("weighted"),
        "members": .array(ensembleMembers.map { m in ConfigValue.object(m.model.parameters.merging(["type": .string(m.model.type)]) { a, _ in a }) }),
    ])

    /// The ensemble's members, in the order its weights are reported.
    static let ensembleMembers: [ExperimentConfiguration.NamedModel] = [
        .init(name: "ridge", model: ridge), .init(name: "xgboost", model: xgboost), .init(name: "lstm", model: lstm),
    ]

    /// The compared models, in table order.
    static let models: [ExperimentConfiguration.NamedModel] = [
        .init(name: "xgboost", model: xgboost),
        .init(name: "ridge", model: ridge),
        .init(name: "lstm", model: lstm),
        .init(name: "ensemble", model: ensemble),
    ]

    /// The name of the shuffled-label control's row (XGBoost fitted on permuted training labels).
    static let controlName = "shuffled-label control"

    /// Four yearly test blocks from the middle of the panel, expanding training windows, the
    /// most recent 20% of each held out (purged) for early stopping and ensemble weights.
    static let configuration = ExperimentConfiguration(
        name: "demo-equities", seed: 7, data: .init(files: []), features: .specs(features),
        label: .init(), validation: {
            var v = ExperimentConfiguration.ValidationSection()
            v.testBars = 250
            v.firstTest = 0.5
            return v
        }(),
        model: xgboost, models: models)
}

import BarbellTorch

/// Fits a zoo model on a request's rows.
///
/// Training rows with fewer than `lookback` rows of their symbol before them (their own included)
/// have no input window and are dropped, as are such validation rows; the rows of every symbol
/// train one model, and a window never crosses symbols. Inputs are standardised with statistics
/// of the kept training rows; a regression target is divided by the training labels' standard
/// deviation. With validation rows, training stops after `patience` epochs without a lower
/// validation loss and keeps the best epoch's weights; without, it runs every epoch.
struct NeuralLearner: Learner {
    let configuration: ModelConfiguration
    let settings: NeuralSettings

    func fit(_ request: FitRequest) throws -> any TrainedModel {
        let type = configuration.type
        guard request.sampleWeights == nil else {
            // The trainer's losses are unweighted means; ignoring weights silently would mislead.
            throw LearningError(.invalidArgument, "model \(type): sample weights are not supported by neural models")
        }
        let data = request.dataset
        let inputs = data.inputs
        let lookback = settings.window
        let train = NeuralInputs.complete(inputs, rows: request.train, lookback: lookback)
        guard !train.rows.isEmpty else {
            throw LearningError(.insufficientData, "model \(type): no training row has \(lookback) rows of history for its lookback window")
        }
        // A classifier cannot score a validation label it never saw in training (a rare class
        // absent from the training window); those validation rows are left out of early stopping.
        let trainingClasses = Set(train.rows.map { data.labels[$0] })
        let validationRows = settings.task == .classification
            ? request.validation.filter { trainingClasses.contains(data.labels[$0]) } : request.validation
        let validation = NeuralInputs.complete(inputs, rows: validationRows, lookback: lookback)
        let scaling = try FeatureScaling.fit(data.features, width: data.width, rows: train.rows)

        let labels = train.rows.map { data.labels[$0] }
        let validationLabels = validation.rows.map { data.labels[$0] }
        var classes: LabelClasses?
        var targetScale = 1.0
        let targets: Tensor, validationTargets: Tensor?
        if settings.task == .classification {
            let fitted = try LabelClasses.fit(labels, model: type)
            classes = fitted
            targets = try Tensor(try fitted.indices(labels, model: type), shape: [labels.count]).to(.int64)
            validationTargets = validation.rows.isEmpty ? nil
                : try Tensor(try fitted.indices(validationLabels, model: "\(type) (validation)"), shape: [validation.rows.count]).to(.int64)
        } else {
            let mean = labels.reduce(0, +) / Double(labels.count)
            let deviation = (labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(labels.count)).squareRoot()
            targetScale = deviation.isFinite && deviation > 1e-12 ? deviation : 1
            let scale = targetScale
            targets = try Tensor(float32: labels.map { Float($0 / scale) }, shape: [labels.count, 1])
            validationTargets = validation.rows.isEmpty ? nil
                : try Tensor(float32: validationLabels.map { Float($0 / scale) }, shape: [validation.rows.count, 1])
        }

        let model = try settings.model(type, featureNames: data.featureNames, classes: classes?.values.count)
        let predictor = try model.build(seed: request.seed)
        let trainer = try Trainer(model: predictor, loss: model.task.defaultLoss,
                                  configuration: try settings.trainer(type, seed: request.seed, validating: validationTargets != nil))
        let trainData = try TrainingData(inputs: try NeuralInputs.tensor(inputs, windows: train.windows[...], scaling: scaling), targets: targets)
        let validationData = try validationTargets.map { y in
            try TrainingData(inputs: try NeuralInputs.tensor(inputs, windows: validation.windows[...], scaling: scaling), targets: y)
        }
        let history: TrainingHistory
        do {
            history = try trainer.fit(trainData, validation: validationData)
        } catch let error as TrainingError {
            throw LearningError(.nonFinite, "model \(type): \(error)")
        }
        let state = NeuralState(featureNames: data.featureNames, lookback: lookback, scaling: scaling, targetScale: targetScale,
                                classes: classes, model: model)
        return TrainedNeural(configuration: configuration, state: state, model: predictor, batchSize: settings.batchSize ?? 256,
                            history: history)
    }
}

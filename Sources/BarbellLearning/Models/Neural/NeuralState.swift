import BarbellTorch

/// What a trained zoo model needs besides its torch weights, saved as `neural.json`: the input
/// scaling fitted on the training rows, the regression target scale or the classes, and the
/// shape the module is rebuilt with.
struct NeuralState: Codable, Equatable {
    /// Feature names in training order (the model reads columns by position).
    var featureNames: [String]
    /// Input steps per prediction.
    var lookback: Int
    /// Standardisation of the inputs, fitted on the training rows only.
    var scaling: FeatureScaling
    /// Regression: the training labels' population standard deviation; the network predicts
    /// `label / targetScale` and predictions are multiplied back. 1 for classification.
    var targetScale: Double
    /// Classification: the training classes (nil for regression).
    var classes: LabelClasses?
    /// The resolved architecture (features, market columns, output width) the weights fit.
    var model: SequenceModelConfiguration
}

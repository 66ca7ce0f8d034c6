/// A trained model that can give class probabilities as well as its one score per row: the
/// classifiers (logistic regression, XGBoost and the neural zoo trained with `task:
/// classification`), so experiments can report log loss, Brier score, accuracy, the confusion
/// matrix and the calibration curve.
public protocol ClassProbabilityModel: TrainedModel {
    /// The class label values, ascending; `nil` when the model was fitted as a regression.
    var classValues: [Double]? { get }
    /// Row-major probabilities, `classValues.count` per requested row, each row summing to 1.
    func probabilities(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double]
}

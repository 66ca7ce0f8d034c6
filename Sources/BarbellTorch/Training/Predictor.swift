/// A module that maps a batch of inputs to a batch of predictions, which the ``Trainer`` fits.
public protocol Predictor: Module {
    /// Predictions for `input` (batch first).
    func forward(_ input: Tensor) throws -> Tensor
}

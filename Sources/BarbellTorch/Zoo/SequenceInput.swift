/// The check every zoo model makes first, so a wrong input names the model and both shapes rather
/// than surfacing from an inner layer.
enum SequenceInput {
    /// Requires `[batch, lookback ≥ 1, features]`.
    static func check(_ input: Tensor, features: Int, model: String) throws {
        guard input.shape.count == 3, input.shape[1] >= 1, input.shape[2] == features else {
            throw TorchError(code: .invalidArgument,
                             message: "\(model) expects input of shape [batch, lookback, \(features)], got \(input.shape)")
        }
    }
}

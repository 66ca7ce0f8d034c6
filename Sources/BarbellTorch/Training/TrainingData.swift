/// Inputs and targets for supervised training, one sample per row of the first dimension.
public struct TrainingData {
    /// Inputs, `[N, ...]` (for sequence models `[N, lookback, features]`).
    public let inputs: Tensor
    /// Targets, `[N, ...]`.
    public let targets: Tensor

    /// Number of samples.
    public var count: Int { inputs.shape.first ?? 0 }

    /// Validates and stores the data.
    /// - Throws: ``TorchError`` when the sample counts differ or there are none, or naming the
    ///   first sample whose input or target holds NaN or an infinity.
    public init(inputs: Tensor, targets: Tensor) throws {
        guard let n = inputs.shape.first, n >= 1, targets.shape.first == n else {
            throw TorchError(code: .invalidArgument,
                             message: "training data: inputs \(inputs.shape) and targets \(targets.shape) must have the same, non-zero number of rows")
        }
        if let row = try inputs.firstNonFiniteRow() {
            throw TorchError(code: .invalidArgument, message: "training data: input row \(row) holds NaN or an infinity")
        }
        if let row = try targets.firstNonFiniteRow() {
            throw TorchError(code: .invalidArgument, message: "training data: target row \(row) holds NaN or an infinity")
        }
        self.inputs = inputs
        self.targets = targets
    }

    /// The samples at `indices`.
    func batch(_ indices: [Int]) throws -> (inputs: Tensor, targets: Tensor) {
        (try inputs.rows(indices), try targets.rows(indices))
    }
}

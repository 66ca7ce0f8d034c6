/// One epoch of a training run.
public struct EpochRecord: Sendable, Equatable, Codable {
    public let epoch: Int
    /// Mean training loss over the epoch's mini-batches.
    public let trainLoss: Double
    /// Loss on the validation data in eval mode (nil without validation data).
    public let validationLoss: Double?
    /// Learning rate of the epoch's last step.
    public let learningRate: Double
    /// Largest gradient norm seen before clipping.
    public let maxGradientNorm: Double
}

/// What a training run did, epoch by epoch (JSON-encodable for experiment records).
public struct TrainingHistory: Sendable, Equatable, Codable {
    public internal(set) var epochs: [EpochRecord] = []
    /// The epoch whose weights the model ends with when early stopping restored them.
    public internal(set) var restoredEpoch: Int?
    /// Whether early stopping ended the run before the last epoch.
    public internal(set) var stoppedEarly = false
    /// Whether the model ends with the stochastic weight average.
    public internal(set) var averaged = false
    /// Optimizer steps taken.
    public internal(set) var steps = 0
}

/// Which optimizer the ``Trainer`` builds over the model's parameters.
public enum OptimizerChoice: Sendable, Equatable {
    /// ``AdamW`` with this weight decay.
    case adamW(weightDecay: Double = 1e-2)
    /// ``SGD`` with momentum.
    case sgd(momentum: Double = 0.9, nesterov: Bool = false, weightDecay: Double = 0)
}

/// Settings of a training run.
public struct TrainerConfiguration: Sendable, Equatable {
    /// Passes over the training data.
    public var epochs: Int
    /// Samples per mini-batch.
    public var batchSize: Int
    /// Peak learning rate (the schedule's base).
    public var learningRate: Double
    public var optimizer: OptimizerChoice
    /// Learning rate per optimizer step.
    public var schedule: LearningRateSchedule
    /// Clip the joint gradient norm to this before each step (nil: no clipping).
    public var gradientClip: Double?
    /// Mini-batches whose gradients are summed (each loss divided by this) before one step.
    public var accumulationSteps: Int
    /// Stop after this many epochs without a better validation loss, and restore the best
    /// weights (nil: run every epoch, keep the last weights).
    public var earlyStoppingPatience: Int?
    /// From this epoch (0-based) on, keep the running average of the weights after each epoch
    /// (stochastic weight averaging) and end with it (nil: off).
    public var averagingStartEpoch: Int?
    /// Shuffle the training samples each epoch (seeded).
    public var shuffle: Bool
    /// Seed of the shuffling; the model's own generators seed initialisation and dropout.
    public var seed: UInt64

    public init(epochs: Int = 20, batchSize: Int = 64, learningRate: Double = 1e-3, optimizer: OptimizerChoice = .adamW(),
                schedule: LearningRateSchedule = .constant, gradientClip: Double? = 1.0, accumulationSteps: Int = 1,
                earlyStoppingPatience: Int? = nil, averagingStartEpoch: Int? = nil, shuffle: Bool = true, seed: UInt64 = 0) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.schedule = schedule
        self.gradientClip = gradientClip
        self.accumulationSteps = accumulationSteps
        self.earlyStoppingPatience = earlyStoppingPatience
        self.averagingStartEpoch = averagingStartEpoch
        self.shuffle = shuffle
        self.seed = seed
    }

    /// - Throws: ``TorchError`` naming the bad setting.
    public func validate() throws {
        guard epochs >= 1, batchSize >= 1, learningRate > 0, accumulationSteps >= 1 else {
            throw TorchError(code: .invalidArgument, message: "trainer: expected epochs, batch size and accumulation steps ≥ 1 and a learning rate > 0")
        }
        if let c = gradientClip, !(c > 0) { throw TorchError(code: .invalidArgument, message: "trainer: gradient clip must be > 0") }
        if let p = earlyStoppingPatience, p < 1 { throw TorchError(code: .invalidArgument, message: "trainer: early-stopping patience must be ≥ 1") }
        if let a = averagingStartEpoch, a < 0 || a >= epochs { throw TorchError(code: .invalidArgument, message: "trainer: averaging must start within the epochs") }
        try schedule.validate()
    }
}

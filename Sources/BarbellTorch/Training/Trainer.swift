import BarbellData

/// Why a training run stopped with an error.
public struct TrainingError: Error, Sendable, CustomStringConvertible {
    /// Loss became NaN or infinite; the model holds the weights of `restoredEpoch` (nil: the
    /// weights it started with).
    public let epoch: Int
    public let batch: Int
    public let restoredEpoch: Int?
    public var description: String {
        "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); the model holds "
            + (restoredEpoch.map { "the weights after epoch \($0)" } ?? "its initial weights")
            + " (lower the learning rate or clip gradients)"
    }
}

/// Fits a ``Predictor`` by mini-batch gradient descent: shuffling seeded per epoch, gradient
/// accumulation and clipping, a learning-rate schedule per optimizer step, early stopping that
/// restores the best weights, stochastic weight averaging, and checkpoints that resume.
public final class Trainer {
    public let model: any Predictor
    public let loss: Loss
    public let configuration: TrainerConfiguration
    /// The run so far.
    public internal(set) var history = TrainingHistory()
    var optimizer: Optimizer
    var bestValidation = Double.infinity
    var bestState: [String: Tensor]?
    var epochsWithoutImprovement = 0
    var average: [String: Tensor]?
    var averagedEpochs = 0
    var lastGood: (epoch: Int?, state: [String: Tensor])

    /// - Throws: ``TorchError`` for invalid settings.
    public init(model: any Predictor, loss: Loss, configuration: TrainerConfiguration) throws {
        try configuration.validate()
        self.model = model
        self.loss = loss
        self.configuration = configuration
        optimizer = try Self.makeOptimizer(model, configuration)
        lastGood = (nil, try Self.copy(model.stateDict()))
    }

    /// Trains from the next epoch to ``TrainerConfiguration/epochs`` (or until early stopping),
    /// calling `progress` after each epoch, and ends with the best (early stopping) or averaged
    /// weights when those are on. With `checkpointDirectory` the state is saved after each epoch.
    /// - Throws: ``TrainingError`` when the loss diverges (the last good weights restored),
    ///   ``TorchError`` for shape mismatches between the model, the data and the loss.
    @discardableResult
    public func fit(_ train: TrainingData, validation: TrainingData? = nil, checkpointDirectory: String? = nil,
                    progress: (EpochRecord) -> Void = { _ in }) throws -> TrainingHistory {
        let c = configuration
        var epoch = history.epochs.count
        while epoch < c.epochs && !history.stoppedEarly {
            let record = try runEpoch(epoch, train, validation)
            history.epochs.append(record)
            try afterEpoch(record)
            if let checkpointDirectory { try saveCheckpoint(to: checkpointDirectory) }
            progress(record)
            epoch += 1
        }
        if let average {
            try model.loadStateDict(average)
            history.averaged = true
        } else if c.earlyStoppingPatience != nil, let bestState {
            try model.loadStateDict(bestState)
        }
        return history
    }

    /// One pass over the training data, then the validation loss.
    func runEpoch(_ epoch: Int, _ data: TrainingData, _ validation: TrainingData?) throws -> EpochRecord {
        let c = configuration
        model.train()
        let order = c.shuffle ? Self.permutation(data.count, seed: c.seed, epoch: epoch) : Array(0..<data.count)
        let batches = stride(from: 0, to: order.count, by: c.batchSize).map { Array(order[$0..<min($0 + c.batchSize, order.count)]) }
        var total = 0.0, maxNorm = 0.0
        let scale = 1 / Double(c.accumulationSteps)
        try optimizer.zeroGrad()
        for (b, indices) in batches.enumerated() {
            let (x, y) = try data.batch(indices)
            let prediction = try model.forward(x)
            var value = try loss(prediction, y)
            let scalar = value.toArray()[0]
            guard scalar.isFinite else {
                try model.loadStateDict(lastGood.state)
                throw TrainingError(epoch: epoch, batch: b, restoredEpoch: lastGood.epoch)
            }
            total += scalar
            if c.accumulationSteps > 1 { value = try value * scale }
            try value.backward()
            if (b + 1) % c.accumulationSteps == 0 || b == batches.count - 1 {
                if let clip = c.gradientClip { maxNorm = max(maxNorm, try optimizer.clipGradientNorm(clip)) }
                optimizer.learningRate = c.schedule.rate(at: history.steps, base: c.learningRate)
                try optimizer.step()
                try optimizer.zeroGrad()
                history.steps += 1
            }
        }
        let validationLoss = try validation.map { try evaluate($0) }
        return EpochRecord(epoch: epoch, trainLoss: total / Double(batches.count), validationLoss: validationLoss,
                           learningRate: optimizer.learningRate, maxGradientNorm: maxNorm)
    }

    /// Mean loss over `data` in eval mode, in batches of the configured size (weighted by size).
    public func evaluate(_ data: TrainingData) throws -> Double {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        var total = 0.0
        for start in stride(from: 0, to: data.count, by: configuration.batchSize) {
            let indices = Array(start..<min(start + configuration.batchSize, data.count))
            let (x, y) = try data.batch(indices)
            // No graph is needed to measure: forward without recording autograd history.
            let value: Double = try Torch.withNoGrad { () throws -> Double in try loss(try model.forward(x), y).toArray()[0] }
            total += value * Double(indices.count)
        }
        return total / Double(data.count)
    }

    /// Early stopping, weight averaging and the last good weights, after `record`.
    func afterEpoch(_ record: EpochRecord) throws {
        let c = configuration
        lastGood = (record.epoch, try Self.copy(model.stateDict()))
        if let patience = c.earlyStoppingPatience {
            let v = record.validationLoss ?? record.trainLoss
            if v < bestValidation {
                bestValidation = v
                bestState = lastGood.state
                history.restoredEpoch = record.epoch
                epochsWithoutImprovement = 0
            } else {
                epochsWithoutImprovement += 1
                if epochsWithoutImprovement >= patience { history.stoppedEarly = record.epoch < c.epochs - 1 }
            }
        }
        if let start = c.averagingStartEpoch, record.epoch >= start {
            averagedEpochs += 1
            let current = lastGood.state
            if let previous = average {
                // a ← a + (w − a)/k, as a·(1 − 1/k) + w·(1/k).
                let k = Double(averagedEpochs)
                average = try Dictionary(uniqueKeysWithValues: previous.map { name, a in
                    let w = current[name]!
                    return (name, try a * (1 - 1 / k) + w * (1 / k))
                })
            } else {
                average = current
            }
        }
    }

    /// The epoch's sample order: Fisher-Yates driven by SplitMix64 seeded from (seed, epoch), so
    /// any epoch's order is known without replaying the ones before (what makes resuming exact).
    static func permutation(_ n: Int, seed: UInt64, epoch: Int) -> [Int] {
        var rng = SplitMix64(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1)))
        var order = Array(0..<n)
        if n < 2 { return order }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))   // modulo bias < i / 2^64: immaterial here
            order.swapAt(i, j)
        }
        return order
    }

    /// The configured optimizer over the model's current parameter tensors (loading a state dict
    /// replaces those tensors, so an optimizer built before a load would update stale ones).
    static func makeOptimizer(_ model: any Predictor, _ c: TrainerConfiguration) throws -> Optimizer {
        switch c.optimizer {
        case .adamW(let decay):
            return try AdamW(model.parameters, learningRate: c.learningRate, weightDecay: decay)
        case .sgd(let momentum, let nesterov, let decay):
            return try SGD(model.parameters, learningRate: c.learningRate, momentum: momentum, weightDecay: decay, nesterov: nesterov)
        }
    }

    static func copy(_ state: [String: Tensor]) throws -> [String: Tensor] {
        try state.mapValues { try $0.copy() }
    }
}

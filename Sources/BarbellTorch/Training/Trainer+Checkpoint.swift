import Foundation

/// The trainer's own state in a checkpoint (`trainer.json`).
struct TrainerCheckpointState: Codable {
    var history: TrainingHistory
    var bestValidation: Double?
    var epochsWithoutImprovement: Int
    var averagedEpochs: Int
}

extension Trainer {
    /// Writes everything a resumed run needs into `directory` (replaced whole, never half
    /// written): `model.pt` (Python-loadable state dict), `optimizer.pt`, `best.pt` and
    /// `average.pt` when early stopping or averaging hold weights, `generators.pt` (the states of
    /// the dropout generators, so masks continue where they were) and `trainer.json`.
    public func saveCheckpoint(to directory: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try? fm.removeItem(at: partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: true)
        try model.save(to: partial.appendingPathComponent("model.pt").path)
        try StateDictFile.save(try optimizer.state().sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) },
                               to: partial.appendingPathComponent("optimizer.pt").path)
        if let bestState { try Self.write(bestState, partial.appendingPathComponent("best.pt")) }
        if let average { try Self.write(average, partial.appendingPathComponent("average.pt")) }
        try StateDictFile.save(try model.randomGenerators.enumerated().map { (name: String($0.offset), tensor: try $0.element.state()) },
                               to: partial.appendingPathComponent("generators.pt").path)
        let state = TrainerCheckpointState(history: history, bestValidation: bestValidation.isFinite ? bestValidation : nil,
                                           epochsWithoutImprovement: epochsWithoutImprovement, averagedEpochs: averagedEpochs)
        try JSONEncoder().encode(state).write(to: partial.appendingPathComponent("trainer.json"))
        if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
        try fm.moveItem(at: partial, to: target)
    }

    /// Restores a checkpoint written by ``saveCheckpoint(to:)`` into this trainer (built with the
    /// same model architecture and configuration), so ``fit(_:validation:checkpointDirectory:progress:)``
    /// continues from the next epoch exactly as the uninterrupted run would, dropout masks included.
    /// - Throws: ``TorchError`` naming missing or mis-shaped tensors or a generator count that does
    ///   not match the model; a decoding error for a damaged `trainer.json`. The trainer and model
    ///   are unchanged unless every file reads.
    public func restoreCheckpoint(from directory: String) throws {
        let dir = URL(fileURLWithPath: directory)
        let state = try JSONDecoder().decode(TrainerCheckpointState.self, from: Data(contentsOf: dir.appendingPathComponent("trainer.json")))
        let fm = FileManager.default
        let best = dir.appendingPathComponent("best.pt"), avg = dir.appendingPathComponent("average.pt")
        let bestLoaded = fm.fileExists(atPath: best.path) ? try StateDictFile.load(from: best.path) : nil
        let averageLoaded = fm.fileExists(atPath: avg.path) ? try StateDictFile.load(from: avg.path) : nil
        let generators = model.randomGenerators
        let generatorStates = try StateDictFile.load(from: dir.appendingPathComponent("generators.pt").path)
        let ordered = generators.indices.compactMap { generatorStates[String($0)] }
        guard generatorStates.count == generators.count, ordered.count == generators.count else {
            throw TorchError(code: .invalidArgument, message: "checkpoint \(directory): generators.pt holds states \(generatorStates.keys.sorted()), the model has \(generators.count) generators (expected names 0..<\(generators.count))")
        }
        let optimizerState = try StateDictFile.load(from: dir.appendingPathComponent("optimizer.pt").path)
        try model.load(from: dir.appendingPathComponent("model.pt").path)
        optimizer = try Self.makeOptimizer(model, configuration)
        try optimizer.load(state: optimizerState)
        for (g, s) in zip(generators, ordered) { try g.restore(state: s) }
        bestState = bestLoaded
        average = averageLoaded
        history = state.history
        bestValidation = state.bestValidation ?? .infinity
        epochsWithoutImprovement = state.epochsWithoutImprovement
        averagedEpochs = state.averagedEpochs
        lastGood = (history.epochs.last?.epoch, try Self.copy(model.stateDict()))
    }

    static func write(_ state: [String: Tensor], _ url: URL) throws {
        try StateDictFile.save(state.sorted { $0.key < $1.key }.map { (name: $0.key, tensor: $0.value) }, to: url.path)
    }
}

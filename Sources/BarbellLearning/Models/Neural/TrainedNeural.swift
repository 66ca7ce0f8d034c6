import BarbellTorch
import Foundation

/// A trained zoo model: float32 weights on the CPU, predicting in evaluation mode without
/// gradients, in batches.
///
/// A reference type because the torch module is one; `@unchecked Sendable` because every use of
/// the module (which switches it to evaluation mode) holds ``lock``.
final class TrainedNeural: ClassProbabilityModel, @unchecked Sendable {
    let configuration: ModelConfiguration
    let state: NeuralState
    let model: any BarbellTorch.Predictor
    let batchSize: Int
    /// The epochs of the fit (losses, the restored best epoch); nil for a restored model.
    let history: TrainingHistory?
    let lock = NSLock()

    init(configuration: ModelConfiguration, state: NeuralState, model: any BarbellTorch.Predictor, batchSize: Int, history: TrainingHistory? = nil) {
        self.configuration = configuration
        self.state = state
        self.model = model
        self.batchSize = max(1, batchSize)
        self.history = history
    }

    var window: Int { state.lookback }

    /// Runs `body` on batches of the rows' standardised windows in evaluation mode without
    /// gradients, concatenating what it returns per batch.
    func batched<T>(_ inputs: FeatureMatrix, rows: [Int], _ body: (Tensor) throws -> [T]) throws -> [T] {
        let windows = try NeuralInputs.windows(inputs, rows: rows, lookback: state.lookback, model: configuration.type)
        lock.lock()
        defer { lock.unlock() }
        model.eval()
        var out = [T]()
        out.reserveCapacity(rows.count)
        for start in stride(from: 0, to: windows.count, by: batchSize) {
            let x = try NeuralInputs.tensor(inputs, windows: windows[start..<min(start + batchSize, windows.count)], scaling: state.scaling)
            out += try Torch.withNoGrad { () throws -> [T] in try body(x) }
        }
        return out
    }

    func predict(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        if let classes = state.classes {
            return try batched(inputs, rows: rows) { x in
                classes.scores(probabilities: try model.forward(x).softmax(dim: 1).toArray())
            }
        }
        let scale = state.targetScale
        return try batched(inputs, rows: rows) { x in try model.forward(x).toArray().map { $0 * scale } }
    }

    var classValues: [Double]? { state.classes?.values }

    func probabilities(_ inputs: FeatureMatrix, rows: [Int]) throws -> [Double] {
        guard state.classes != nil else {
            throw LearningError(.invalidArgument, "model \(configuration.type) was fitted as a regression and gives no class probabilities")
        }
        return try batched(inputs, rows: rows) { x in try model.forward(x).softmax(dim: 1).toArray() }
    }

    func weights() throws -> ModelWeights {
        var weights = ModelWeights()
        weights.files["model.pt"] = try TemporaryFile.withPath(named: "model.pt") { path in
            lock.lock()
            defer { lock.unlock() }
            try model.save(to: path)
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        try weights.setJSON(state, "neural.json")
        return weights
    }
}

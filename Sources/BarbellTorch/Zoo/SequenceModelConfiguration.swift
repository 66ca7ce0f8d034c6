/// What a sequence model predicts, which fixes its output width and its default loss.
public enum PredictionTask: Sendable, Equatable, Codable {
    /// Returns at `horizons` horizons (one output each); MSE.
    case regression(horizons: Int)
    /// Down/flat/up (or `classes`) probabilities as logits; cross-entropy.
    case classification(classes: Int)
    /// One output per quantile of the next return; pinball loss.
    case quantile([Double])

    /// Width of the model's output.
    public var outputs: Int {
        switch self {
        case .regression(let h): h
        case .classification(let c): c
        case .quantile(let q): q.count
        }
    }

    /// The task's natural loss.
    public var defaultLoss: Loss {
        switch self {
        case .regression: .mse
        case .classification: .crossEntropy
        case .quantile(let q): .pinball(quantiles: q)
        }
    }
}

/// A named, serialisable description of a sequence model (JSON or YAML through `Codable`), so an
/// experiment can say which model it trained and rebuild it.
public struct SequenceModelConfiguration: Sendable, Equatable, Codable {
    /// The zoo's architectures built so far.
    public enum Architecture: String, Sendable, Codable, CaseIterable {
        /// LSTM, last step, batch normalisation, dropout, linear head.
        case lstm
        /// GRU, last step, layer normalisation, dropout, linear head.
        case gru
        /// Linear embedding, sinusoidal positions, Transformer encoder, last position, linear head.
        case transformer
    }

    public var architecture: Architecture
    /// Features per time step.
    public var features: Int
    /// Hidden width (the Transformer's `d_model`).
    public var hidden: Int
    /// Stacked layers.
    public var layers: Int
    public var dropout: Double
    /// Attention heads (Transformer).
    public var heads: Int
    public var task: PredictionTask

    public init(architecture: Architecture, features: Int, hidden: Int = 64, layers: Int = 1, dropout: Double = 0.1,
                heads: Int = 4, task: PredictionTask = .regression(horizons: 1)) {
        self.architecture = architecture
        self.features = features
        self.hidden = hidden
        self.layers = layers
        self.dropout = dropout
        self.heads = heads
        self.task = task
    }

    /// - Throws: ``TorchError`` naming the bad field.
    public func validate() throws {
        guard features >= 1, hidden >= 1, layers >= 1, dropout >= 0, dropout < 1, task.outputs >= 1 else {
            throw TorchError(code: .invalidArgument, message: "model configuration: expected features, hidden, layers and outputs ≥ 1 and dropout in [0, 1)")
        }
        if case .quantile(let q) = task, !q.allSatisfy({ $0 > 0 && $0 < 1 }) {
            throw TorchError(code: .invalidArgument, message: "model configuration: quantiles must lie in (0, 1)")
        }
        if architecture == .transformer && (heads < 1 || hidden % heads != 0) {
            throw TorchError(code: .invalidArgument, message: "model configuration: hidden (\(hidden)) must be a multiple of heads (\(heads))")
        }
    }

    /// The model, with every random initial value drawn from `seed`.
    public func build(seed: UInt64, dtype: DType = .float32) throws -> any Predictor {
        try validate()
        let g = try SeededGenerator(seed: seed)
        switch architecture {
        case .lstm: return try LSTMPredictor(self, dtype: dtype, generator: g)
        case .gru: return try GRUPredictor(self, dtype: dtype, generator: g)
        case .transformer: return try TransformerPredictor(self, dtype: dtype, generator: g)
        }
    }
}

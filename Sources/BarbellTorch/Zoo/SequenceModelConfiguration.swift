/// A named, serialisable description of a sequence model (JSON or YAML through `Codable`), so an
/// experiment can say which model it trained and rebuild it.
///
/// Only `architecture` is required when decoding (`features` may be left to the data: a training
/// recipe sets it from its feature set; 0 until then); every other field falls back to
/// the default of ``init(architecture:features:hidden:layers:dropout:heads:kernelSize:scales:volumeFeature:volatilityFeature:head:task:)``,
/// so a YAML file names just what it changes.
public struct SequenceModelConfiguration: Sendable, Equatable, Codable {
    /// The zoo's architectures. The raw values are the names configurations use.
    public enum Architecture: String, Sendable, Codable, CaseIterable {
        /// LSTM, last step, batch normalisation, dropout, linear head.
        case lstm
        /// GRU, last step, layer normalisation, dropout, linear head.
        case gru
        /// Linear embedding, sinusoidal positions, Transformer encoder, last position, linear head.
        case transformer
        /// Bidirectional LSTM with additive attention pooling over time.
        case biLSTMAttention = "bilstm-attention"
        /// Stacked LSTM layers with residual connections between them.
        case residualLSTM = "residual-lstm"
        /// GRU over positionally encoded inputs with attention pooling.
        case attentionGRU = "attention-gru"
        /// Bidirectional GRU whose states are fused with a projection of the raw features.
        case biGRUFusion = "bigru-fusion"
        /// Transformer encoder whose attention scores carry a learned volume and volatility bias.
        case marketTransformer = "market-transformer"
        /// Attention over several trailing lookbacks (``SequenceModelConfiguration/scales``), fused.
        case multiScaleAttention = "multiscale-attention"
        /// Stacked 1D convolutions with global pooling.
        case cnn
        /// 1D convolutions feeding an LSTM.
        case cnnLSTM = "cnn-lstm"
        /// Temporal convolutional network: causal dilated residual convolutions.
        case tcn
    }

    /// The last layer that maps the model's summary of the sequence to its outputs.
    public enum Head: String, Sendable, Codable, CaseIterable {
        /// One linear layer for all outputs.
        case linear
        /// One two-layer perceptron per output (per horizon for regression), on a shared trunk.
        case multiHorizon = "multi-horizon"
    }

    public var architecture: Architecture
    /// Features per time step.
    public var features: Int
    /// Hidden width (the Transformer's `d_model`, the convolutions' channels).
    public var hidden: Int
    /// Stacked layers (recurrent layers, encoder layers, convolution blocks).
    public var layers: Int
    public var dropout: Double
    /// Attention heads (attention architectures).
    public var heads: Int
    /// Convolution kernel width (convolutional architectures).
    public var kernelSize: Int
    /// Trailing lookbacks, in steps, that the multi-scale attention model attends over.
    public var scales: [Int]
    /// Column of the input that carries volume (market-aware Transformer).
    public var volumeFeature: Int?
    /// Column of the input that carries volatility (market-aware Transformer).
    public var volatilityFeature: Int?
    public var head: Head
    public var task: PredictionTask

    public init(architecture: Architecture, features: Int, hidden: Int = 64, layers: Int = 1, dropout: Double = 0.1,
                heads: Int = 4, kernelSize: Int = 3, scales: [Int] = [5, 20, 60], volumeFeature: Int? = nil,
                volatilityFeature: Int? = nil, head: Head = .linear, task: PredictionTask = .regression(horizons: 1)) {
        self.architecture = architecture
        self.features = features
        self.hidden = hidden
        self.layers = layers
        self.dropout = dropout
        self.heads = heads
        self.kernelSize = kernelSize
        self.scales = scales
        self.volumeFeature = volumeFeature
        self.volatilityFeature = volatilityFeature
        self.head = head
        self.task = task
    }

    private enum CodingKeys: String, CodingKey {
        case architecture, features, hidden, layers, dropout, heads, kernelSize, scales, volumeFeature,
             volatilityFeature, head, task
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SequenceModelConfiguration(architecture: .lstm, features: 1)
        self.init(
            architecture: try c.decode(Architecture.self, forKey: .architecture),
            features: try c.decodeIfPresent(Int.self, forKey: .features) ?? 0,
            hidden: try c.decodeIfPresent(Int.self, forKey: .hidden) ?? d.hidden,
            layers: try c.decodeIfPresent(Int.self, forKey: .layers) ?? d.layers,
            dropout: try c.decodeIfPresent(Double.self, forKey: .dropout) ?? d.dropout,
            heads: try c.decodeIfPresent(Int.self, forKey: .heads) ?? d.heads,
            kernelSize: try c.decodeIfPresent(Int.self, forKey: .kernelSize) ?? d.kernelSize,
            scales: try c.decodeIfPresent([Int].self, forKey: .scales) ?? d.scales,
            volumeFeature: try c.decodeIfPresent(Int.self, forKey: .volumeFeature),
            volatilityFeature: try c.decodeIfPresent(Int.self, forKey: .volatilityFeature),
            head: try c.decodeIfPresent(Head.self, forKey: .head) ?? d.head,
            task: try c.decodeIfPresent(PredictionTask.self, forKey: .task) ?? d.task)
    }

    /// - Throws: ``TorchError`` naming the bad field.
    public func validate() throws {
        func fail(_ message: String) -> TorchError { TorchError(code: .invalidArgument, message: "model configuration: " + message) }
        guard features >= 1, hidden >= 1, layers >= 1, dropout >= 0, dropout < 1, task.outputs >= 1 else {
            throw fail("expected features, hidden, layers and outputs ≥ 1 and dropout in [0, 1)")
        }
        if case .quantile(let q) = task, !q.allSatisfy({ $0 > 0 && $0 < 1 }) {
            throw fail("quantiles must lie in (0, 1)")
        }
        let attends: Set<Architecture> = [.transformer, .marketTransformer, .multiScaleAttention]
        if attends.contains(architecture) && (heads < 1 || hidden % heads != 0) {
            throw fail("hidden (\(hidden)) must be a multiple of heads (\(heads))")
        }
        if [.cnn, .cnnLSTM, .tcn].contains(architecture) && kernelSize < 1 {
            throw fail("kernelSize must be ≥ 1, got \(kernelSize)")
        }
        if architecture == .multiScaleAttention && (scales.isEmpty || scales.contains { $0 < 1 }) {
            throw fail("scales must be a non-empty list of lookbacks ≥ 1, got \(scales)")
        }
        if architecture == .marketTransformer {
            for (name, column) in [("volumeFeature", volumeFeature), ("volatilityFeature", volatilityFeature)] {
                guard let column, (0..<features).contains(column) else {
                    throw fail("\(name) must name an input column in 0..<\(features), got \(column.map(String.init) ?? "none")")
                }
            }
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
        case .biLSTMAttention, .residualLSTM, .attentionGRU, .biGRUFusion:
            return try buildRecurrentVariant(dtype: dtype, generator: g)
        case .marketTransformer, .multiScaleAttention, .cnn, .cnnLSTM, .tcn:
            return try buildConvolutionalOrAttentionVariant(dtype: dtype, generator: g)
        }
    }
}

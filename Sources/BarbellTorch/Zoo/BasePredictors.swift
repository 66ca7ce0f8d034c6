/// LSTM over the sequence, its last step batch-normalised, dropout and a linear head.
public final class LSTMPredictor: Predictor {
    public let lstm: LSTM
    public let norm: BatchNorm1d
    public let dropout: Dropout
    public let head: any UnaryModule
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        lstm = try LSTM(inputSize: c.features, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                        dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        norm = try BatchNorm1d(numFeatures: c.hidden, dtype: dtype)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    public var localState: [ModuleTensor] { [] }
    public var children: [(name: String, module: any Module)] { [("lstm", lstm), ("norm", norm), ("dropout", dropout), ("head", head)] }

    /// `[batch, lookback, features]` → `[batch, outputs]`.
    public func forward(_ input: Tensor) throws -> Tensor {
        try head(try dropout(try norm(try lstm(input).output.lastStep())))
    }
}

/// GRU over the sequence, its last step layer-normalised, dropout and a linear head.
public final class GRUPredictor: Predictor {
    public let gru: GRU
    public let norm: LayerNorm
    public let dropout: Dropout
    public let head: any UnaryModule
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        gru = try GRU(inputSize: c.features, hiddenSize: c.hidden, numLayers: c.layers, batchFirst: true,
                      dropout: c.layers > 1 ? c.dropout : 0, dtype: dtype, generator: g)
        norm = try LayerNorm(normalizedShape: [c.hidden], dtype: dtype)
        dropout = try Dropout(p: c.dropout, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    public var localState: [ModuleTensor] { [] }
    public var children: [(name: String, module: any Module)] { [("gru", gru), ("norm", norm), ("dropout", dropout), ("head", head)] }

    public func forward(_ input: Tensor) throws -> Tensor {
        try head(try dropout(try norm(try gru(input).output.lastStep())))
    }
}

/// Linear embedding of each step, sinusoidal positions, a Transformer encoder, the last
/// position and a linear head.
public final class TransformerPredictor: Predictor {
    public let embed: Linear
    public let positions: SinusoidalPositionalEncoding
    public let encoder: TransformerEncoder
    public let head: any UnaryModule
    public var isTraining = true

    init(_ c: SequenceModelConfiguration, dtype: DType, generator g: SeededGenerator) throws {
        embed = try Linear(inFeatures: c.features, outFeatures: c.hidden, dtype: dtype, generator: g)
        positions = SinusoidalPositionalEncoding(dModel: c.hidden)
        encoder = try TransformerEncoder(numLayers: c.layers, dModel: c.hidden, nHead: c.heads, dimFeedforward: 4 * c.hidden,
                                         dropout: c.dropout, batchFirst: true, dtype: dtype, generator: g)
        head = try c.makeHead(inFeatures: c.hidden, dtype: dtype, generator: g)
    }

    public var localState: [ModuleTensor] { [] }
    public var children: [(name: String, module: any Module)] { [("embed", embed), ("encoder", encoder), ("head", head)] }

    public func forward(_ input: Tensor) throws -> Tensor {
        try head(try encoder(try positions(try embed(input))).lastStep())
    }
}

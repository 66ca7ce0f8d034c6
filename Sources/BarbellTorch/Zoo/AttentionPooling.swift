/// Additive (Bahdanau) attention pooling of a sequence into one vector:
/// `score_t = vᵀ tanh(W h_t + b)`, `w = softmax_t(score)`, `context = Σ_t w_t h_t`.
///
/// A learned, input-dependent weighting of the steps, so a recurrent model can read the steps that
/// matter instead of only its last state. Like the PyTorch module
/// `projection = nn.Linear(width, attention)`, `score = nn.Linear(attention, 1, bias=False)`;
/// state dict `projection.weight`, `projection.bias`, `score.weight`.
public final class AttentionPooling: Module {
    /// Width of each step's vector (`h_t`), and of the pooled context.
    public let width: Int
    /// `W` and `b`: each step's vector into the attention space.
    public let projection: Linear
    /// `v`: the attention space to one score per step.
    public let score: Linear
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// - Parameters:
    ///   - width: Width of the pooled vectors.
    ///   - attention: Width of the attention space (`W`'s rows).
    public init(width: Int, attention: Int, dtype: DType, generator: SeededGenerator) throws {
        self.width = width
        projection = try Linear(inFeatures: width, outFeatures: attention, dtype: dtype, generator: generator)
        score = try Linear(inFeatures: attention, outFeatures: 1, bias: false, dtype: dtype, generator: generator)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }
    /// `projection`, `score`.
    public var children: [(name: String, module: any Module)] { [("projection", projection), ("score", score)] }

    /// The attention weights, `[batch, steps, width]` → `[batch, steps]`; each row sums to 1.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func weights(_ sequence: Tensor) throws -> Tensor {
        try ShapeCheck.require(sequence, ranks: 3...3, last: width, layer: "AttentionPooling",
                               expected: "[batch, steps, \(width)]")
        return try score(try projection(sequence).tanh()).squeeze(dim: 2).softmax(dim: 1)
    }

    /// The context vector, `[batch, steps, width]` → `[batch, width]`.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ sequence: Tensor) throws -> Tensor {
        try (try weights(sequence).unsqueeze(dim: 2) * sequence).sum(dim: 1)
    }
}

extension AttentionPooling: UnaryModule {}

internal import CTorch

/// One post-norm Transformer encoder layer, like `torch.nn.TransformerEncoderLayer`
/// with `norm_first=False` and ReLU activation:
///
///     x = norm1(x + dropout1(selfAttn(x, x, x)))
///     x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))
///
/// State dict (PyTorch names): `self_attn.*`, `linear1.*`, `linear2.*`,
/// `norm1.*`, `norm2.*`. Dropout layers, and the attention-weight dropout that PyTorch
/// gives the self-attention with the same probability, draw from the construction generator.
public final class TransformerEncoderLayer: Module {
    /// Self-attention.
    public let selfAttn: MultiheadAttention
    /// Feed-forward expansion.
    public let linear1: Linear
    /// Dropout inside the feed-forward block.
    public let dropout: Dropout
    /// Feed-forward projection back to the model width.
    public let linear2: Linear
    /// Normalisation after the attention block.
    public let norm1: LayerNorm
    /// Normalisation after the feed-forward block.
    public let norm2: LayerNorm
    /// Dropout on the attention block's output.
    public let dropout1: Dropout
    /// Dropout on the feed-forward block's output.
    public let dropout2: Dropout
    /// Training mode; set with ``Module/train(_:)`` so children follow.
    public var isTraining = true

    /// Creates a layer with PyTorch's default initialisation.
    ///
    /// - Parameters:
    ///   - dModel: The model width.
    ///   - nHead: Attention heads (must divide `dModel`).
    ///   - dimFeedforward: Width of the feed-forward block.
    ///   - dropout: Dropout probability used in training mode.
    ///   - layerNormEps: The layer norms' epsilon.
    ///   - batchFirst: Whether tensors are `[batch, sequence, dModel]`.
    ///   - dtype: Element type of the parameters.
    ///   - generator: Seeded source of the initial weights and dropout masks.
    public init(
        dModel: Int, nHead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1, layerNormEps: Double = 1e-5,
        batchFirst: Bool = false, dtype: DType = .float32, generator: SeededGenerator
    ) throws {
        selfAttn = try MultiheadAttention(
            embedDim: dModel, numHeads: nHead, dropout: dropout, batchFirst: batchFirst, dtype: dtype, generator: generator)
        linear1 = try Linear(inFeatures: dModel, outFeatures: dimFeedforward, dtype: dtype, generator: generator)
        self.dropout = try Dropout(p: dropout, generator: generator)
        linear2 = try Linear(inFeatures: dimFeedforward, outFeatures: dModel, dtype: dtype, generator: generator)
        norm1 = try LayerNorm(normalizedShape: [dModel], eps: layerNormEps, dtype: dtype)
        norm2 = try LayerNorm(normalizedShape: [dModel], eps: layerNormEps, dtype: dtype)
        dropout1 = try Dropout(p: dropout, generator: generator)
        dropout2 = try Dropout(p: dropout, generator: generator)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }

    /// The children in PyTorch's registration order.
    public var children: [(name: String, module: any Module)] {
        [("self_attn", selfAttn), ("linear1", linear1), ("dropout", dropout), ("linear2", linear2),
         ("norm1", norm1), ("norm2", norm2), ("dropout1", dropout1), ("dropout2", dropout2)]
    }

    /// Encodes `input` (`[batch, sequence, dModel]` when batch-first, else `[sequence, batch, dModel]`).
    ///
    /// - Parameters:
    ///   - mask: Optional float attention mask `[sequence, sequence]` (PyTorch's `src_mask`),
    ///     for example ``MultiheadAttention/causalMask(length:dtype:)``.
    ///   - keyPaddingMask: Optional `[batch, sequence]`, non-zero at padded steps
    ///     (PyTorch's `src_key_padding_mask`).
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ input: Tensor, mask: Tensor? = nil, keyPaddingMask: Tensor? = nil) throws -> Tensor {
        try encode(input, mask: mask, keyPaddingMask: keyPaddingMask).output
    }

    /// Encodes `input` as ``callAsFunction(_:mask:keyPaddingMask:)`` does, also returning the
    /// self-attention weights averaged over heads, `[batch, sequence, sequence]` (batch-first):
    /// what attention explanations read, at the cost of no second forward pass.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func encode(_ input: Tensor, mask: Tensor? = nil, keyPaddingMask: Tensor? = nil) throws -> (output: Tensor, weights: Tensor) {
        let attended = try selfAttn(query: input, key: input, value: input, attentionMask: mask, keyPaddingMask: keyPaddingMask)
        let x = try norm1(input + dropout1(attended.output))
        let hidden = try dropout(Self.relu(linear1(x)))
        return (try norm2(x + dropout2(linear2(hidden))), attended.weights)
    }

    static func relu(_ input: Tensor) throws -> Tensor {
        try Tensor.producing { out in withExtendedLifetime(input) { ctorch_nn_relu(input.handle, out) } }
    }
}

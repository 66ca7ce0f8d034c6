internal import CTorch

/// Multi-head scaled dot-product attention, like `torch.nn.MultiheadAttention`
/// (equal query/key/value widths), attention-weight dropout in training mode from the
/// construction generator.
///
/// State dict: `in_proj_weight` (3E × E, the query, key and value projections
/// stacked), `in_proj_bias` (3E), and the child `out_proj` (a ``Linear``:
/// `out_proj.weight`, `out_proj.bias`). Initialised like PyTorch: Xavier-uniform
/// input projection, zero biases, default ``Linear`` output weight.
public final class MultiheadAttention: Module {
    /// The model width E.
    public let embedDim: Int
    /// The number of heads (E must be divisible by it).
    public let numHeads: Int
    /// Whether tensors are `[batch, sequence, E]` (otherwise `[sequence, batch, E]`).
    public let batchFirst: Bool
    /// The packed input projection, shape `[3E, E]`.
    public private(set) var inProjWeight: Tensor
    /// The packed input bias, shape `[3E]`, or `nil`.
    public private(set) var inProjBias: Tensor?
    /// The output projection.
    public let outProj: Linear
    /// Probability of dropping an attention weight in training mode (PyTorch's `dropout`).
    public let dropout: Double
    /// Where the attention dropout masks are drawn from (the construction generator).
    public let generator: SeededGenerator
    /// Training mode (attention dropout active when ``dropout`` > 0).
    public var isTraining = true

    /// Creates an attention layer with PyTorch's default initialisation.
    ///
    /// - Throws: ``TorchError`` if `embedDim` is not divisible by `numHeads`.
    public init(
        embedDim: Int, numHeads: Int, dropout: Double = 0, bias: Bool = true, batchFirst: Bool = false,
        dtype: DType = .float32, generator: SeededGenerator
    ) throws {
        guard numHeads > 0, embedDim % numHeads == 0 else {
            throw TorchError(
                code: .invalidArgument, message: "embed dim \(embedDim) is not divisible by \(numHeads) heads")
        }
        guard dropout >= 0, dropout < 1 else {
            throw TorchError(code: .invalidArgument, message: "attention dropout must be in [0, 1), got \(dropout)")
        }
        self.dropout = dropout
        self.generator = generator
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.batchFirst = batchFirst
        // PyTorch builds out_proj first, then resets the input projection.
        outProj = try Linear(inFeatures: embedDim, outFeatures: embedDim, bias: bias, dtype: dtype, generator: generator)
        let xavier = (6.0 / Double(embedDim + 3 * embedDim)).squareRoot()
        inProjWeight = try ParameterInit.uniform([3 * embedDim, embedDim], bound: xavier, dtype: dtype, generator: generator)
        if bias {
            inProjBias = try ParameterInit.constant([3 * embedDim], 0, dtype: dtype)
            if let outBias = outProj.localState.first(where: { $0.name == "bias" }) {
                outBias.assign(try ParameterInit.constant([embedDim], 0, dtype: dtype))
            }
        }
    }

    /// The attention dropout generator, saved in checkpoints.
    public var ownGenerators: [SeededGenerator] { dropout > 0 ? [generator] : [] }

    /// `in_proj_weight`, `in_proj_bias`.
    public var localState: [ModuleTensor] {
        var state = [ModuleTensor("in_proj_weight", .parameter, inProjWeight) { self.inProjWeight = $0 }]
        if let inProjBias { state.append(ModuleTensor("in_proj_bias", .parameter, inProjBias) { self.inProjBias = $0 }) }
        return state
    }

    /// `out_proj`.
    public var children: [(name: String, module: any Module)] { [("out_proj", outProj)] }

    /// Attends from `query` to `key`/`value`.
    ///
    /// - Parameters:
    ///   - query: `[batch, target, E]` (or `[target, batch, E]` when not ``batchFirst``).
    ///   - key: `[batch, source, E]` (or `[source, batch, E]`).
    ///   - value: Same shape as `key`.
    ///   - attentionMask: Optional float mask added to the attention scores,
    ///     `[target, source]` or `[batch · heads, target, source]`; `-infinity` forbids
    ///     a position (see ``causalMask(length:dtype:)``).
    ///   - keyPaddingMask: Optional `[batch, source]` tensor; a non-zero entry marks a
    ///     padded key that no query attends to (PyTorch's `True`).
    /// - Returns: The attended output, shaped like `query`, and the attention
    ///   weights (after dropout in training mode, like PyTorch's) averaged over heads,
    ///   `[batch, target, source]`.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(
        query: Tensor, key: Tensor, value: Tensor, attentionMask: Tensor? = nil, keyPaddingMask: Tensor? = nil
    ) throws -> (output: Tensor, weights: Tensor) {
        let layout = batchFirst ? "[batch, sequence, \(embedDim)]" : "[sequence, batch, \(embedDim)]"
        for tensor in [query, key, value] {
            try ShapeCheck.require(tensor, ranks: 3...3, last: embedDim, layer: "MultiheadAttention", expected: layout)
        }
        guard key.shape == value.shape else {
            throw TorchError(
                code: .invalidArgument,
                message: "MultiheadAttention expects key and value of the same shape, got \(key.shape) and \(value.shape)")
        }
        var output: OpaquePointer?
        var weights: OpaquePointer?
        let outWeight = outProj.weight
        let outBias = outProj.bias
        let masks = (attentionMask, keyPaddingMask)
        let p = isTraining ? dropout : 0
        let status = withExtendedLifetime((query, key, value, inProjWeight, inProjBias, outWeight, outBias, masks, generator)) {
            ctorch_nn_multi_head_attention(
                query.handle, key.handle, value.handle, inProjWeight.handle, inProjBias?.handle, outWeight.handle,
                outBias?.handle, Int64(numHeads), batchFirst, attentionMask?.handle, keyPaddingMask?.handle,
                p, generator.handle, &output, &weights)
        }
        try TorchError.check(status)
        return (try Tensor(adopting: output!), try Tensor(adopting: weights!))
    }

    /// A `[length, length]` causal mask: 0 on and below the diagonal, `-infinity`
    /// above it, so step t attends only to steps ≤ t (like PyTorch's
    /// `Transformer.generate_square_subsequent_mask`).
    public static func causalMask(length: Int, dtype: DType = .float32) throws -> Tensor {
        var values = [Double](repeating: 0, count: length * length)
        for row in 0..<length {
            for column in (row + 1)..<length { values[row * length + column] = -.infinity }
        }
        return dtype == .float64
            ? try Tensor(values, shape: [length, length])
            : try Tensor(float32: values.map { Float($0) }, shape: [length, length])
    }
}

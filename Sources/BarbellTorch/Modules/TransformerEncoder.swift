/// A stack of ``TransformerEncoderLayer``s with an optional final ``LayerNorm``,
/// like `torch.nn.TransformerEncoder`.
///
/// State dict: `layers.0.*`, `layers.1.*`, ..., then `norm.*` when a final norm is present.
/// Unlike PyTorch, which deep-copies one layer (so every layer starts with the
/// same weights), each layer here is initialised independently from the generator.
public final class TransformerEncoder: Module {
    /// The layers, applied in order.
    public let layers: [TransformerEncoderLayer]
    /// The normalisation applied to the last layer's output, if any.
    public let norm: LayerNorm?
    /// Training mode; set with ``Module/train(_:)`` so the layers follow.
    public var isTraining = true

    /// Stacks the given layers, with an optional final normalisation.
    public init(layers: [TransformerEncoderLayer], norm: LayerNorm? = nil) {
        self.layers = layers
        self.norm = norm
    }

    /// Builds `numLayers` identically configured layers, each with fresh weights from `generator`.
    ///
    /// - Parameters:
    ///   - numLayers: Number of encoder layers.
    ///   - finalNorm: Whether to add a final ``LayerNorm`` named `norm`.
    ///   - Other parameters: As for ``TransformerEncoderLayer``.
    public convenience init(
        numLayers: Int, dModel: Int, nHead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1,
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, finalNorm: Bool = false, dtype: DType = .float32,
        generator: SeededGenerator
    ) throws {
        let layers = try (0..<numLayers).map { _ in
            try TransformerEncoderLayer(
                dModel: dModel, nHead: nHead, dimFeedforward: dimFeedforward, dropout: dropout,
                layerNormEps: layerNormEps, batchFirst: batchFirst, dtype: dtype, generator: generator)
        }
        let norm = finalNorm ? try LayerNorm(normalizedShape: [dModel], eps: layerNormEps, dtype: dtype) : nil
        self.init(layers: layers, norm: norm)
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }

    /// `layers.0`, `layers.1`, ..., then `norm`.
    public var children: [(name: String, module: any Module)] {
        var result: [(name: String, module: any Module)] = layers.enumerated().map { ("layers.\($0.offset)", $0.element) }
        if let norm { result.append(("norm", norm)) }
        return result
    }

    /// Encodes `input` through every layer, then the final norm.
    ///
    /// - Parameters:
    ///   - mask: Optional float attention mask `[sequence, sequence]`, given to every layer.
    ///   - keyPaddingMask: Optional `[batch, sequence]`, non-zero at padded steps.
    /// - Throws: ``TorchError`` naming expected and actual shapes.
    public func callAsFunction(_ input: Tensor, mask: Tensor? = nil, keyPaddingMask: Tensor? = nil) throws -> Tensor {
        var x = input
        for layer in layers { x = try layer(x, mask: mask, keyPaddingMask: keyPaddingMask) }
        if let norm { x = try norm(x) }
        return x
    }
}

internal import CTorch

/// Layer normalisation over the trailing dimensions, like `torch.nn.LayerNorm`.
///
/// State dict: `weight` and `bias` of shape `normalizedShape` (when
/// `elementwiseAffine`), initialised to ones and zeros.
public final class LayerNorm: Module {
    /// The trailing dimensions normalised over.
    public let normalizedShape: [Int]
    /// Added to the variance for numerical stability.
    public let eps: Double
    /// The scale, or `nil` without an elementwise affine transform.
    public private(set) var weight: Tensor?
    /// The shift, or `nil` without an elementwise affine transform.
    public private(set) var bias: Tensor?
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates a layer normalising over `normalizedShape`.
    public init(normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, dtype: DType = .float32) throws {
        self.normalizedShape = normalizedShape
        self.eps = eps
        if elementwiseAffine {
            weight = try ParameterInit.constant(normalizedShape, 1, dtype: dtype)
            bias = try ParameterInit.constant(normalizedShape, 0, dtype: dtype)
        }
    }

    /// `weight`, `bias` when affine.
    public var localState: [ModuleTensor] {
        var state: [ModuleTensor] = []
        if let weight { state.append(ModuleTensor("weight", .parameter, weight) { self.weight = $0 }) }
        if let bias { state.append(ModuleTensor("bias", .parameter, bias) { self.bias = $0 }) }
        return state
    }

    /// Normalises `input`, whose trailing dimensions must equal `normalizedShape`.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes otherwise.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.count >= normalizedShape.count,
              Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
        else {
            let dims = normalizedShape.map(String.init).joined(separator: ", ")
            throw TorchError(
                code: .invalidArgument, message: "LayerNorm expects input of shape [..., \(dims)], got \(input.shape)")
        }
        let extents = normalizedShape.map { Int64($0) }
        return try Tensor.producing { out in
            withExtendedLifetime((input, weight, bias)) {
                ctorch_nn_layer_norm(
                    input.handle, extents, Int64(extents.count), weight?.handle, bias?.handle, eps, out)
            }
        }
    }
}

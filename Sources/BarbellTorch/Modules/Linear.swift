internal import CTorch

/// A fully connected layer, `y = x Wᵀ + b`, like `torch.nn.Linear`.
///
/// State dict: `weight` (out × in) and, with a bias, `bias` (out).
/// Initialised like PyTorch: weight and bias uniform on ±1/√in
/// (`kaiming_uniform_(a=√5)`), drawn from the given generator.
public final class Linear: Module {
    /// The number of input features (the last input dimension).
    public let inFeatures: Int
    /// The number of output features.
    public let outFeatures: Int
    /// The weight, shape `[outFeatures, inFeatures]`.
    public private(set) var weight: Tensor
    /// The bias, shape `[outFeatures]`, or `nil` for a layer without bias.
    public private(set) var bias: Tensor?
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates a layer with PyTorch's default initialisation.
    ///
    /// - Parameters:
    ///   - inFeatures: Size of each input sample's last dimension.
    ///   - outFeatures: Size of each output sample's last dimension.
    ///   - bias: Whether to learn an additive bias.
    ///   - dtype: Element type of the parameters.
    ///   - generator: The seeded generator the initial values are drawn from.
    public init(
        inFeatures: Int, outFeatures: Int, bias: Bool = true, dtype: DType = .float32,
        generator: SeededGenerator
    ) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = ParameterInit.fanInBound(inFeatures)
        weight = try ParameterInit.uniform([outFeatures, inFeatures], bound: bound, dtype: dtype, generator: generator)
        self.bias = bias
            ? try ParameterInit.uniform([outFeatures], bound: bound, dtype: dtype, generator: generator) : nil
    }

    /// `weight`, then `bias` if present.
    public var localState: [ModuleTensor] {
        var state = [ModuleTensor("weight", .parameter, weight) { self.weight = $0 }]
        if let bias { state.append(ModuleTensor("bias", .parameter, bias) { self.bias = $0 }) }
        return state
    }

    /// Applies the layer to `input` of shape `[..., inFeatures]`.
    ///
    /// - Throws: ``TorchError`` naming the expected and actual shapes if the last dimension is not `inFeatures`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try ShapeCheck.require(
            input, ranks: 1...Int.max, last: inFeatures, layer: "Linear", expected: "[..., \(inFeatures)]")
        return try Tensor.producing { out in
            withExtendedLifetime((input, weight, bias)) {
                ctorch_nn_linear(input.handle, weight.handle, bias?.handle, out)
            }
        }
    }
}

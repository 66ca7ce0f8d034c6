internal import CTorch

/// A 1-D convolution over `(N, C_in, L)` input, like `torch.nn.Conv1d`
/// (zero padding).
///
/// State dict: `weight` (out × in/groups × kernel) and `bias` (out), both
/// uniform on ±1/√(in/groups · kernel) like PyTorch's default.
public final class Conv1d: Module {
    /// Input channels.
    public let inChannels: Int
    /// Output channels.
    public let outChannels: Int
    /// Kernel width.
    public let kernelSize: Int
    /// Step between windows.
    public let stride: Int
    /// Zeros added at both ends.
    public let padding: Int
    /// Spacing between kernel taps.
    public let dilation: Int
    /// Channel groups (inChannels and outChannels must be divisible by it).
    public let groups: Int
    /// The kernel, shape `[outChannels, inChannels / groups, kernelSize]`.
    public private(set) var weight: Tensor
    /// The bias, shape `[outChannels]`, or `nil`.
    public private(set) var bias: Tensor?
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates a convolution with PyTorch's default initialisation.
    ///
    /// - Throws: ``TorchError`` if the channels are not divisible by `groups`.
    public init(
        inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        dilation: Int = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .float32,
        generator: SeededGenerator
    ) throws {
        guard groups > 0, inChannels % groups == 0, outChannels % groups == 0 else {
            throw TorchError(
                code: .invalidArgument,
                message: "Conv1d channels \(inChannels)→\(outChannels) are not divisible by \(groups) groups")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        let bound = ParameterInit.fanInBound(inChannels / groups * kernelSize)
        weight = try ParameterInit.uniform(
            [outChannels, inChannels / groups, kernelSize], bound: bound, dtype: dtype, generator: generator)
        self.bias = bias
            ? try ParameterInit.uniform([outChannels], bound: bound, dtype: dtype, generator: generator) : nil
    }

    /// `weight`, then `bias` if present.
    public var localState: [ModuleTensor] {
        var state = [ModuleTensor("weight", .parameter, weight) { self.weight = $0 }]
        if let bias { state.append(ModuleTensor("bias", .parameter, bias) { self.bias = $0 }) }
        return state
    }

    /// Convolves `input` of shape `[N, inChannels, L]`.
    ///
    /// - Throws: ``TorchError`` naming expected and actual shapes, or libtorch's
    ///   error when the sequence is shorter than the dilated kernel.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.count == 3, input.shape[1] == inChannels else {
            throw TorchError(
                code: .invalidArgument, message: "Conv1d expects input of shape [N, \(inChannels), L], got \(input.shape)")
        }
        return try Tensor.producing { out in
            withExtendedLifetime((input, weight, bias)) {
                ctorch_nn_conv1d(
                    input.handle, weight.handle, bias?.handle, Int64(stride), Int64(padding), Int64(dilation),
                    Int64(groups), out)
            }
        }
    }
}

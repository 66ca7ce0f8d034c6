internal import CTorch

/// A module mapping one tensor to one tensor, so it can be chained in a ``Sequential``.
public protocol UnaryModule: Module {
    /// Applies the module.
    func callAsFunction(_ input: Tensor) throws -> Tensor
}

extension Linear: UnaryModule {}
extension Dropout: UnaryModule {}
extension LayerNorm: UnaryModule {}
extension BatchNorm1d: UnaryModule {}
extension Conv1d: UnaryModule {}
extension TransformerEncoderLayer: UnaryModule {
    /// Encodes `input` without masks.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try self(input, mask: nil, keyPaddingMask: nil) }
}

extension TransformerEncoder: UnaryModule {
    /// Encodes `input` without masks.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try self(input, mask: nil, keyPaddingMask: nil) }
}
extension SinusoidalPositionalEncoding: UnaryModule {}

/// Applies its layers in order, like `torch.nn.Sequential`; the children are
/// named `"0"`, `"1"`, ... so state-dict names match PyTorch (`0.weight`, `2.bias`).
public final class Sequential: UnaryModule {
    /// The layers, applied in order.
    public let layers: [any UnaryModule]
    /// Training mode; set with ``Module/train(_:)`` so the layers follow.
    public var isTraining = true

    /// Chains `layers`.
    public init(_ layers: [any UnaryModule]) {
        self.layers = layers
    }

    /// No tensors of its own.
    public var localState: [ModuleTensor] { [] }

    /// `"0"`, `"1"`, ...
    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { (name: String($0.offset), module: $0.element) }
    }

    /// Feeds `input` through every layer.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try layers.reduce(input) { try $1($0) }
    }
}

/// The rectified linear unit `max(0, x)`, like `torch.nn.ReLU`.
public final class ReLU: UnaryModule {
    /// Training mode (no effect on this layer's output).
    public var isTraining = true

    /// Creates the activation.
    public init() {}

    /// No tensors.
    public var localState: [ModuleTensor] { [] }

    /// `max(0, input)` element-wise.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try Tensor.producing { out in withExtendedLifetime(input) { ctorch_nn_relu(input.handle, out) } }
    }
}

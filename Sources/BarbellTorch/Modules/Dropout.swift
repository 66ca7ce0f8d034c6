internal import CTorch

/// Inverted dropout, like `torch.nn.Dropout`: in training mode each element is
/// zeroed with probability `p` and survivors are scaled by 1/(1-p); in
/// evaluation mode the input passes through unchanged.
///
/// Masks come from the layer's own ``SeededGenerator``, so a given seed
/// yields the same sequence of masks on every run.
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public let p: Double
    /// Where the masks are drawn from.
    public let generator: SeededGenerator
    /// Dropout is applied only in training mode.
    public var isTraining = true

    /// Creates a dropout layer drawing masks from `generator`.
    ///
    /// - Throws: ``TorchError`` if `p` is outside [0, 1].
    public init(p: Double = 0.5, generator: SeededGenerator) throws {
        guard p >= 0 && p <= 1 else {
            throw TorchError(code: .invalidArgument, message: "dropout probability must be in [0, 1], got \(p)")
        }
        self.p = p
        self.generator = generator
    }

    /// Creates a dropout layer with its own generator seeded with `seed`.
    public convenience init(p: Double = 0.5, seed: UInt64) throws {
        try self.init(p: p, generator: SeededGenerator(seed: seed))
    }

    /// No tensors.
    /// The dropout generator, saved in checkpoints.
    public var ownGenerators: [SeededGenerator] { [generator] }

    public var localState: [ModuleTensor] { [] }

    /// Applies dropout in training mode; returns `input` itself in evaluation mode.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard isTraining else { return input }
        return try Tensor.producing { out in
            withExtendedLifetime((input, generator)) { ctorch_nn_dropout(input.handle, p, generator.handle, out) }
        }
    }
}

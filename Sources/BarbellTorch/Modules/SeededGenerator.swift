internal import CTorch

/// An explicitly seeded libtorch CPU random generator (`at::Generator`).
///
/// Every random operation of the modules (parameter initialisation, dropout
/// masks) draws from a generator passed in by the caller, never from libtorch's
/// global default generator, so two runs with the same seed and the same calls
/// produce bit-identical tensors, and unrelated code cannot shift the stream.
/// Draws advance the generator: share one generator to initialise several
/// layers in sequence, like `torch.manual_seed` followed by layer construction.
public final class SeededGenerator {
    /// The owned `ctorch_generator *`.
    let handle: OpaquePointer

    /// The seed the generator started from.
    public let seed: UInt64

    /// Creates a generator whose stream is fully determined by `seed`.
    public init(seed: UInt64) throws {
        var out: OpaquePointer?
        try TorchError.check(ctorch_generator_create(seed, &out))
        self.handle = out!
        self.seed = seed
    }

    /// The generator's full state (PyTorch's `Generator.get_state()` bytes, as int64), to save in
    /// a checkpoint so a resumed run draws the same dropout masks as an uninterrupted one.
    public func state() throws -> Tensor {
        try Tensor.producing { out in ctorch_generator_get_state(handle, out) }
    }

    /// Continues from a state taken with ``state()``.
    /// - Throws: ``TorchError`` for a tensor that is not a generator state; the generator is unchanged.
    public func restore(state: Tensor) throws {
        try TorchError.check(withExtendedLifetime(state) { ctorch_generator_set_state(handle, state.handle) })
    }

    deinit {
        ctorch_generator_free(handle)
    }
}

internal import CTorch

/// A TorchScript module saved in Python with `torch.jit.save`, loaded onto the CPU in eval mode.
///
/// `@unchecked Sendable`: the handle is owned exclusively and freed in `deinit`, and
/// ``forward(_:)`` only reads the module (TorchScript's `forward` under no-grad does not mutate
/// parameters), which libtorch supports from several threads.
public final class ScriptModule: @unchecked Sendable {
    let handle: OpaquePointer

    /// Loads the module at `path`.
    /// - Throws: ``TorchError`` with libtorch's message when the file is missing or not a
    ///   TorchScript archive.
    public init(contentsOf path: String) throws {
        var module: OpaquePointer?
        try TorchError.check(ctorch_script_load(path, &module))
        handle = module!
    }

    deinit { ctorch_script_free(handle) }

    /// Runs the module's `forward` on `inputs` without recording gradients.
    /// - Throws: ``TorchError`` with libtorch's message for wrong argument counts or shapes, or a
    ///   result that is not a tensor.
    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        let handles: [OpaquePointer?] = inputs.map(\.handle)
        var out: OpaquePointer?
        try handles.withUnsafeBufferPointer { h in
            try TorchError.check(ctorch_script_forward(handle, h.baseAddress, Int64(inputs.count), &out))
        }
        return try Tensor(adopting: out!)
    }
}

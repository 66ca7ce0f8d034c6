internal import CTorch

/// A TorchScript module saved in Python with `torch.jit.save` (scripted or
/// traced), loaded on the CPU and run from Swift.
///
/// Loaded in evaluation mode. `forward` takes tensors and returns the tensor,
/// or the tuple of tensors, that the Python module returns.
public final class ScriptModule {
    /// The owned `ctorch_script_module *`.
    let handle: OpaquePointer

    /// Loads the archive at `path`.
    ///
    /// - Throws: ``TorchError`` with libtorch's message if the file is missing or not a TorchScript archive.
    public init(path: String) throws {
        var out: OpaquePointer?
        try TorchError.check(ctorch_script_load(path, &out))
        handle = out!
        try setTraining(false)
    }

    deinit {
        ctorch_script_free(handle)
    }

    /// Sets training (`true`) or evaluation (`false`) mode on the module and its submodules.
    public func setTraining(_ training: Bool) throws {
        try TorchError.check(ctorch_script_set_training(handle, training))
    }

    /// Runs `forward` on `inputs` and returns every tensor it returns (one for a
    /// plain tensor, several for a tuple).
    ///
    /// - Throws: ``TorchError`` with libtorch's message for wrong argument counts
    ///   or shapes, or for a result that is not a tensor or tuple of tensors.
    public func forward(_ inputs: [Tensor], maxOutputs: Int = 16) throws -> [Tensor] {
        var outputs = [OpaquePointer?](repeating: nil, count: maxOutputs)
        var produced: Int64 = 0
        let status = withExtendedLifetime(inputs) {
            let handles: [OpaquePointer?] = inputs.map { $0.handle }
            return ctorch_script_forward(handle, handles, Int64(handles.count), &outputs, Int64(maxOutputs), &produced)
        }
        try TorchError.check(status)
        // Adopt every handle first so none leaks if one fails to adopt.
        var result: [Tensor] = []
        var failure: TorchError?
        for index in 0..<Int(produced) {
            do { result.append(try Tensor(adopting: outputs[index]!)) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return result
    }

    /// Runs `forward` on `inputs` and returns its single tensor result.
    ///
    /// - Throws: ``TorchError`` if `forward` fails or does not return exactly one tensor.
    public func callAsFunction(_ inputs: Tensor...) throws -> Tensor {
        let outputs = try forward(inputs)
        guard outputs.count == 1 else {
            throw TorchError(code: .invalidArgument, message: "forward returned \(outputs.count) tensors, expected 1")
        }
        return outputs[0]
    }
}

internal import CTorch

/// Reading and writing state dicts as files that Python's `torch.load` and
/// `torch.save` understand (a pickled dict of tensors).
///
/// - A file written here loads in Python with `torch.load(path)` as a `dict`
///   of tensors, ready for `model.load_state_dict(...)`.
/// - A file written in Python with `torch.save(dict(model.state_dict()), path)`
///   loads here. Save a plain `dict`: libtorch's unpickler does not rebuild the
///   `OrderedDict` that `state_dict()` returns.
public enum StateDictFile {
    /// Writes named tensors to `path`, in the given order, detached from autograd.
    ///
    /// - Throws: ``TorchError`` if the file cannot be written.
    public static func save(_ entries: [(name: String, tensor: Tensor)], to path: String) throws {
        let tensors = entries.map(\.tensor)
        // All names, NUL-terminated, in one buffer that outlives the call.
        var buffer: [CChar] = []
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(buffer.count)
            buffer += entry.name.utf8CString
        }
        let status = withExtendedLifetime(tensors) {
            buffer.withUnsafeBufferPointer { characters in
                let names: [UnsafePointer<CChar>?] = offsets.map { characters.baseAddress! + $0 }
                let handles: [OpaquePointer?] = tensors.map { $0.handle }
                return ctorch_tensor_dict_save(names, handles, Int64(handles.count), path)
            }
        }
        try TorchError.check(status)
    }

    /// Reads the named tensors of a file written by ``save(_:to:)`` or by Python's `torch.save`.
    ///
    /// Integer tensors (such as BatchNorm's `num_batches_tracked`) come back as float64.
    ///
    /// - Throws: ``TorchError`` if the file is missing, corrupt, or not a dict of tensors.
    public static func load(from path: String) throws -> [String: Tensor] {
        var dict: OpaquePointer?
        try TorchError.check(ctorch_tensor_dict_load(path, &dict))
        defer { ctorch_tensor_dict_free(dict) }
        var count: Int64 = 0
        try TorchError.check(ctorch_tensor_dict_count(dict, &count))
        var result: [String: Tensor] = [:]
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            try TorchError.check(ctorch_tensor_dict_name(dict, index, &name))
            let tensor = try Tensor.producing { out in ctorch_tensor_dict_tensor(dict, index, out) }
            result[String(cString: name!)] = tensor
        }
        return result
    }
}

extension Module {
    /// Saves the state dict (parameters and buffers, PyTorch names and order) to `path`,
    /// loadable in Python with `model.load_state_dict(torch.load(path))`.
    ///
    /// - Throws: ``TorchError`` if the file cannot be written.
    public func save(to path: String) throws {
        try StateDictFile.save(namedState.map { (name: $0.name, tensor: $0.tensor.value) }, to: path)
    }

    /// Loads a state dict file (from ``save(to:)`` or Python's `torch.save`) strictly,
    /// as ``loadStateDict(_:)`` does.
    ///
    /// - Throws: ``TorchError`` if the file cannot be read, or naming every
    ///   missing, unexpected or mis-shaped parameter.
    public func load(from path: String) throws {
        try loadStateDict(StateDictFile.load(from: path))
    }
}

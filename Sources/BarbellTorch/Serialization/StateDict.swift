internal import CTorch
import Foundation

/// Named tensors in PyTorch's `state_dict` format, read and written as `torch.save` files.
///
/// A file Barbell writes loads in Python with `torch.load(path)` as a dict of tensors, and a
/// `torch.save(dict(model.state_dict()), path)` file from Python loads here, so weights move
/// between the two in either direction. The `dict(...)` matters: `state_dict()` returns a
/// `collections.OrderedDict`, which libtorch 1.13's unpickler cannot read (it is rejected with a
/// message saying so).
public enum StateDict {
    /// Writes `tensors` (names → tensors) to `path` in `torch.save`'s zip format, in `order`
    /// (or sorted by name) so the file is the same for the same weights. Autograd history is
    /// not saved.
    /// - Throws: ``TorchError`` when the file cannot be written or a name repeats.
    public static func save(_ tensors: [String: Tensor], to path: String, order: [String]? = nil) throws {
        let names = order ?? tensors.keys.sorted()
        guard Set(names) == Set(tensors.keys), names.count == tensors.count else {
            throw TorchError(code: .invalidArgument, message: "state dict order: expected each of the \(tensors.count) names exactly once")
        }
        let handles: [OpaquePointer?] = names.map { tensors[$0]!.handle }
        var cNames = names.map { strdup($0) }
        defer { cNames.forEach { free($0) } }
        try cNames.withUnsafeMutableBufferPointer { namePointers in
            try handles.withUnsafeBufferPointer { h in
                try namePointers.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: names.count) { n in
                    try TorchError.check(ctorch_state_dict_save(path, n, h.baseAddress, Int64(names.count)))
                }
            }
        }
    }

    /// Reads a state dict written by `torch.save(dict(module.state_dict()), path)` or by
    /// ``save(_:to:order:)``, as (name, tensor) pairs in file order.
    /// - Throws: ``TorchError`` naming the file when it is missing, not a torch file, or not a
    ///   dict of tensors.
    public static func load(from path: String) throws -> [(name: String, tensor: Tensor)] {
        var list: OpaquePointer?
        try TorchError.check(ctorch_state_dict_load(path, &list))
        defer { ctorch_named_tensors_free(list) }
        return try (0..<ctorch_named_tensors_count(list)).map { i in
            var handle: OpaquePointer?
            try TorchError.check(ctorch_named_tensors_tensor(list, i, &handle))
            return (String(cString: ctorch_named_tensors_name(list, i)), try Tensor(adopting: handle!))
        }
    }
}
